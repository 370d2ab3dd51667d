package org.parley.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.identity.Name;
import org.parley.protocol.message.ClientHello;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.Login;
import org.parley.protocol.message.ServerHello;
import org.parley.protocol.message.Welcome;

@ExtendWith(VertxExtension.class)
class NodeLoginTest {

    @TempDir
    Path dataDir;

    private final NodeFixture nodes = new NodeFixture();

    @AfterEach
    void stopNodes() throws Exception {
        nodes.stopAll();
    }

    @Test
    void theFirstLoginRegistersAndTheSameKeyLogsInAgainAfterARestart(Vertx vertx) throws Exception {
        Node node = nodes.start(vertx, dataDir, Map.of());
        TestClient first = TestClient.login(node.port(), "alice");
        first.close();
        nodes.stop(node);
        Node restarted = nodes.start(vertx, dataDir, Map.of());

        try (TestClient again = TestClient.connect(restarted.port(), first.keys())) {
            Welcome welcome = again.loginAs("alice", null);

            assertEquals("alice@test", welcome.user());
            assertFalse(welcome.registered());
        }
    }

    @Test
    void aNameTakenByAnotherKeyIsRefused(Vertx vertx) throws Exception {
        Node node = nodes.start(vertx, dataDir, Map.of());
        try (TestClient owner = TestClient.login(node.port(), "alice");
             TestClient impostor = TestClient.connect(node.port())) {

            ServerHello hello = impostor.hello();
            impostor.send(impostor.signedLogin(hello, "alice", null));

            ErrorFrame error = impostor.expect(ErrorFrame.class);
            assertEquals(ErrorCode.NAME_TAKEN, error.code());
            assertTrue(error.message().contains("'alice' is taken"), error.message());
            assertTrue(impostor.awaitClosed());
        }
    }

    @Test
    void aNameThatBreaksTheRuleIsRefusedWithTheRule(Vertx vertx) throws Exception {
        Node node = nodes.start(vertx, dataDir, Map.of());
        try (TestClient client = TestClient.connect(node.port())) {
            ServerHello hello = client.hello();

            client.send(client.signedLogin(hello, "Alice Smith", null));

            ErrorFrame error = client.expect(ErrorFrame.class);
            assertEquals(ErrorCode.INVALID_NAME, error.code());
            assertTrue(error.message().endsWith(Name.RULE), error.message());
        }
    }

    @Test
    void aSignatureOverAnotherChallengeIsRefused(Vertx vertx) throws Exception {
        Node node = nodes.start(vertx, dataDir, Map.of());
        try (TestClient client = TestClient.connect(node.port())) {
            ServerHello real = client.hello();
            ServerHello replayed = new ServerHello(real.version(), real.node(),
                    Base64Key.encode(new byte[32]), real.heartbeatSeconds(), false);

            client.send(client.signedLogin(replayed, "alice", null));

            assertEquals(ErrorCode.BAD_SIGNATURE, client.expect(ErrorFrame.class).code());
            assertTrue(client.awaitClosed());
        }
    }

    @Test
    void aKeyThatIsNotBase64IsRefused(Vertx vertx) throws Exception {
        Node node = nodes.start(vertx, dataDir, Map.of());
        try (TestClient client = TestClient.connect(node.port())) {
            client.hello();

            client.send(new Login("alice", "%%%", "%%%", "%%%", null));

            ErrorFrame error = client.expect(ErrorFrame.class);
            assertEquals(ErrorCode.BAD_SIGNATURE, error.code());
            assertTrue(error.message().contains("signingKey"), error.message());
        }
    }

    @Test
    void anotherProtocolVersionIsRefused(Vertx vertx) throws Exception {
        Node node = nodes.start(vertx, dataDir, Map.of());
        try (TestClient client = TestClient.connect(node.port())) {

            client.send(new ClientHello(99, "from-the-future"));

            ErrorFrame error = client.expect(ErrorFrame.class);
            assertEquals(ErrorCode.UNSUPPORTED_VERSION, error.code());
            assertTrue(error.message().contains("version 99"), error.message());
        }
    }

    @Test
    void aNodeThatRequiresPasswordsRefusesAccountsWithoutOne(Vertx vertx) throws Exception {
        Node node = nodes.start(vertx, dataDir, Map.of("requirePassword", true));
        try (TestClient client = TestClient.connect(node.port())) {
            ServerHello hello = client.hello();
            assertTrue(hello.passwordRequired());

            client.send(client.signedLogin(hello, "alice", null));

            assertEquals(ErrorCode.PASSWORD_REQUIRED, client.expect(ErrorFrame.class).code());
        }
    }

    @Test
    void anAccountWithAPasswordNeedsTheRightOne(Vertx vertx) throws Exception {
        Node node = nodes.start(vertx, dataDir, Map.of());
        TestClient owner = TestClient.connect(node.port());
        assertTrue(owner.loginAs("alice", "correct horse").registered());
        owner.close();

        try (TestClient noPassword = TestClient.connect(node.port(), owner.keys())) {
            noPassword.send(noPassword.signedLogin(noPassword.hello(), "alice", null));
            assertEquals(ErrorCode.PASSWORD_REQUIRED, noPassword.expect(ErrorFrame.class).code());
        }
        try (TestClient wrong = TestClient.connect(node.port(), owner.keys())) {
            wrong.send(wrong.signedLogin(wrong.hello(), "alice", "battery staple"));
            assertEquals(ErrorCode.BAD_PASSWORD, wrong.expect(ErrorFrame.class).code());
        }
        try (TestClient right = TestClient.connect(node.port(), owner.keys())) {
            assertEquals("alice@test", right.loginAs("alice", "correct horse").user());
        }
    }

    @Test
    void aConnectionThatNeverLogsInIsClosed(Vertx vertx) throws Exception {
        Node node = nodes.start(vertx, dataDir, Map.of("loginTimeoutSeconds", 1));
        try (TestClient idle = TestClient.connect(node.port())) {

            ErrorFrame error = idle.expect(ErrorFrame.class);

            assertEquals(ErrorCode.TIMEOUT, error.code());
            assertTrue(idle.awaitClosed());
        }
    }
}
