package org.parley.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.Ping;
import org.parley.protocol.message.Pong;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.PresenceNotice;

@ExtendWith(VertxExtension.class)
class NodeHeartbeatTest {

    @TempDir
    Path dataDir;

    private final NodeFixture nodes = new NodeFixture();

    @AfterEach
    void stopNodes() throws Exception {
        nodes.stopAll();
    }

    @Test
    void aClientThatStopsAnsweringIsDroppedAndAnnouncedGone(Vertx vertx) throws Exception {
        Node node = nodes.start(vertx, dataDir, Map.of("heartbeatSeconds", 1));
        try (TestClient alice = TestClient.login(node.port(), "alice")) {
            alice.watch("bob");
            TestClient bob = TestClient.login(node.port(), "bob");
            alice.awaitType(PresenceNotice.class);

            bob.stopAnsweringPings();

            ErrorFrame error = bob.awaitType(ErrorFrame.class);
            assertEquals(ErrorCode.TIMEOUT, error.code());
            assertTrue(error.message().startsWith("no heartbeat"), error.message());
            assertTrue(bob.awaitClosed());
            assertEquals(new PresenceNotice("bob@test", Presence.OFFLINE, "timeout"), alice.awaitType(PresenceNotice.class));
        }
    }

    @Test
    void theNodePingsAndAnswersPings(Vertx vertx) throws Exception {
        Node node = nodes.start(vertx, dataDir, Map.of("heartbeatSeconds", 1));
        try (TestClient alice = TestClient.connect(node.port())) {
            alice.showPings();
            alice.loginAs("alice", null);

            assertInstanceOf(Ping.class, alice.awaitType(Ping.class));
            alice.send(new Ping());
            assertInstanceOf(Pong.class, alice.awaitType(Pong.class));
        }
    }
}
