package org.parley.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.admin.AdminAccess;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.crypto.LoginTranscript;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.AccountDeleted;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.ServerHello;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.message.Welcome;

/**
 * Each {@code parley-node admin} command, run as an operator runs it (the CLI, in-process, with the
 * node's config file) against a running node, and what the node's users see of it.
 */
@ExtendWith(VertxExtension.class)
class AdminCommandsTest {

    @TempDir
    Path folder;

    private final List<Node> running = new ArrayList<>();

    @AfterEach
    void stopNodes() throws Exception {
        for (Node node : running) {
            node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private Node start(Vertx vertx, ConfigFile file) throws Exception {
        file.save();
        Node node = Node.start(vertx, file.source(), file.source().read(), NodeFixture.TEST_HASHER)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        running.add(node);
        return node;
    }

    /** Sends a login as {@code name} with {@code invite} and returns what the node answered. */
    private static ServerMessage tryLogin(Node node, String name, String invite) throws Exception {
        try (TestClient client = TestClient.connect(node.port())) {
            ServerHello hello = client.hello();
            client.send(LoginTranscript.signedLogin(hello, name, IdentityKeys.generate(new SecureRandom()), null,
                    invite));
            return client.next().header();
        }
    }

    private static ErrorCode refusal(ServerMessage answer) {
        return assertInstanceOf(ErrorFrame.class, answer, "expected a refusal, got " + answer).code();
    }

    @Test
    void usersListsEachAccountWithItsSessionsAndKickEndsThemWithTheReason(Vertx vertx) throws Exception {
        ConfigFile file = new ConfigFile(folder, "node-a");
        Node node = start(vertx, file);
        AdminCli admin = new AdminCli(file.path());
        try (TestClient alice = TestClient.login(node.port(), "alice");
             TestClient alice2 = TestClient.login(node.port(), "alice", alice.keys());
             TestClient bob = TestClient.login(node.port(), "bob")) {
            // WHEN the operator lists the users
            AdminCli.Result users = admin.run("users");
            // THEN each account shows with its sessions, where from and over what
            assertEquals(0, users.code(), users.err());
            assertTrue(users.out().contains("alice  online, 2 sessions"), users.out());
            assertTrue(users.out().contains("bob  online, 1 session"), users.out());
            assertTrue(users.out().contains("127.0.0.1:") && users.out().contains("tcp"), users.out());
            JsonNode json = admin.run("users", "--json").json();
            JsonNode first = json.get("users").get(0);
            assertEquals("alice", first.get("name").asText());
            assertEquals(2, first.get("sessions").size());
            assertEquals("tcp", first.get("sessions").get(0).get("kind").asText());
            assertFalse(first.get("sessions").get(0).get("since").asText().isEmpty());

            // WHEN the operator kicks alice with a reason
            AdminCli.Result kicked = admin.run("kick", "alice", "--reason", "flooding #general");
            assertEquals(0, kicked.code(), kicked.err());
            assertEquals("disconnected 2 sessions of alice", kicked.out());
            // THEN both her sessions hear why and are closed; bob stays
            for (TestClient session : List.of(alice, alice2)) {
                ErrorFrame bye = session.awaitType(ErrorFrame.class);
                assertEquals(ErrorCode.DISCONNECTED_BY_OPERATOR, bye.code());
                assertTrue(bye.message().contains("flooding #general"), bye.message());
                assertTrue(session.awaitClosed());
            }
            bob.send(new Send("b1", "bob"), "still here".getBytes(UTF_8));
            assertEquals("b1", bob.awaitType(Accepted.class).id());
        }
    }

    @Test
    void aLockedAccountIsRefusedAtLoginUntilUnlocked(Vertx vertx) throws Exception {
        ConfigFile file = new ConfigFile(folder, "node-a");
        Node node = start(vertx, file);
        AdminCli admin = new AdminCli(file.path());
        try (TestClient alice = TestClient.login(node.port(), "alice")) {
            // WHEN the operator locks alice while she is logged in
            AdminCli.Result locked = admin.run("lock", "alice");
            assertEquals(0, locked.code(), locked.err());
            assertEquals("locked alice; ended 1 session", locked.out());
            // THEN her session ends with the reason, and she cannot log in again
            assertEquals(ErrorCode.ACCOUNT_LOCKED, alice.awaitType(ErrorFrame.class).code());
            try (TestClient again = TestClient.connect(node.port(), alice.keys())) {
                again.send(LoginTranscript.signedLogin(again.hello(), "alice", alice.keys(), null));
                ErrorFrame refused = again.expect(ErrorFrame.class);
                assertEquals(ErrorCode.ACCOUNT_LOCKED, refused.code());
                assertTrue(again.awaitClosed());
            }
            assertTrue(admin.run("users").out().contains("alice  offline  LOCKED"));
            // WHEN unlocked, she logs in
            assertEquals("unlocked alice", admin.run("unlock", "alice").out());
            try (TestClient back = TestClient.login(node.port(), "alice", alice.keys())) {
                assertEquals("alice@node-a", back.name() + "@node-a");
            }
        }
        // and locking a name with no account is refused aloud
        AdminCli.Result nobody = admin.run("lock", "nobody");
        assertEquals(1, nobody.code());
        assertTrue(nobody.err().contains("no account named 'nobody'"), nobody.err());
    }

    @Test
    void deleteEndsTheSessionsAndFreesTheName(Vertx vertx) throws Exception {
        ConfigFile file = new ConfigFile(folder, "node-a");
        Node node = start(vertx, file);
        AdminCli admin = new AdminCli(file.path());
        try (TestClient alice = TestClient.login(node.port(), "alice")) {
            AdminCli.Result deleted = admin.run("delete", "alice");
            assertEquals(0, deleted.code(), deleted.err());
            assertEquals("alice@node-a", alice.awaitType(AccountDeleted.class).user());
            assertTrue(alice.awaitClosed());
        }
        // THEN another key may take the name: it registers anew
        Welcome welcome = assertInstanceOf(Welcome.class, tryLogin(node, "alice", null));
        assertTrue(welcome.registered());
    }

    @Test
    void aDeletedAccountsNameComesFreeOfItsLockAndOfItsContacts(Vertx vertx) throws Exception {
        ConfigFile file = new ConfigFile(folder, "node-a");
        Node node = start(vertx, file);
        AdminCli admin = new AdminCli(file.path());
        try (TestClient carol = TestClient.login(node.port(), "carol")) {
            TestClient bob = TestClient.login(node.port(), "bob");
            carol.watch("bob");
            // GIVEN alice, bob's contact, locked and then deleted by the operator
            try (TestClient alice = TestClient.login(node.port(), "alice")) {
                alice.send(new Send("m1", "bob"), "hello".getBytes(UTF_8));
                bob.awaitType(org.parley.protocol.message.Delivery.class);
                assertEquals(0, admin.run("lock", "alice").code());
                assertTrue(alice.awaitClosed());
            }
            assertEquals(0, admin.run("delete", "alice").code());
            // WHEN someone else takes the name, with a key of their own
            try (TestClient newAlice = TestClient.login(node.port(), "alice")) {
                // THEN the old lock does not hold the new owner out at their next login either
                try (TestClient again = TestClient.login(node.port(), "alice", newAlice.keys())) {
                    assertEquals("alice", again.name());
                }
                // and the new alice hears nothing of bob, the old alice's contact: when he leaves, carol
                // (who asked about him) hears it, and the new alice not before the answer she asks for next
                bob.close();
                while (carol.awaitType(org.parley.protocol.message.PresenceNotice.class).changes().stream()
                        .noneMatch(c -> c.user().equals("bob@node-a") && c.status() == Presence.OFFLINE)) {
                    // other news first
                }
                newAlice.send(org.parley.protocol.message.WhoRequest.about("after", "carol"));
                for (org.parley.protocol.frame.Frame<ServerMessage> frame = newAlice.next(); ; frame = newAlice.next()) {
                    assertTrue(frame != null, "no answer to who");
                    if (frame.header() instanceof org.parley.protocol.message.PresenceNotice notice) {
                        assertFalse(notice.changes().stream().anyMatch(c -> c.user().equals("bob@node-a")),
                                "the new alice heard of the old one's contact: " + notice);
                    }
                    if (frame.header() instanceof org.parley.protocol.message.UserList list
                            && "after".equals(list.id())) {
                        break;
                    }
                }
            }
        }
    }

    @Test
    void closedRegistrationRefusesANewNameButLetsAnExistingUserIn(Vertx vertx) throws Exception {
        ConfigFile file = new ConfigFile(folder, "node-a");
        Node node = start(vertx, file);
        AdminCli admin = new AdminCli(file.path());
        IdentityKeys aliceKeys = IdentityKeys.generate(new SecureRandom());
        TestClient.login(node.port(), "alice", aliceKeys).close();
        AdminCli.Result closed = admin.run("registration", "closed");
        assertEquals(0, closed.code(), closed.err());
        assertEquals("registration on node-a is closed (was open)", closed.out());
        assertEquals(ErrorCode.REGISTRATION_CLOSED, refusal(tryLogin(node, "carol", null)));
        try (TestClient alice = TestClient.login(node.port(), "alice", aliceKeys)) {
            assertEquals("alice", alice.name());
        }
        assertEquals("closed", admin.run("registration", "--json").json().get("mode").asText());
    }

    @Test
    void inviteRegistrationTakesAGoodCodeOncePerUseAndRefusesABadOne(Vertx vertx) throws Exception {
        ConfigFile file = new ConfigFile(folder, "node-a");
        Node node = start(vertx, file);
        AdminCli admin = new AdminCli(file.path());
        IdentityKeys aliceKeys = IdentityKeys.generate(new SecureRandom());
        TestClient.login(node.port(), "alice", aliceKeys).close();
        assertEquals(0, admin.run("registration", "invite").code());
        AdminCli.Result made = admin.run("invite", "create", "--uses", "1", "--json");
        assertEquals(0, made.code(), made.err());
        String code = made.json().get("code").asText();
        assertEquals(32, code.length());

        // THEN no code, or a code the node never made, is refused
        assertEquals(ErrorCode.INVITE_REQUIRED, refusal(tryLogin(node, "carol", null)));
        assertEquals(ErrorCode.INVITE_REQUIRED, refusal(tryLogin(node, "carol", "0".repeat(32))));
        // a good code registers one new name, and is then used up
        assertTrue(assertInstanceOf(Welcome.class, tryLogin(node, "carol", code)).registered());
        assertEquals(ErrorCode.INVITE_REQUIRED, refusal(tryLogin(node, "dave", code)));
        // an existing user needs no code
        try (TestClient alice = TestClient.login(node.port(), "alice", aliceKeys)) {
            assertEquals("alice", alice.name());
        }
        JsonNode invites = admin.run("invite", "list", "--json").json().get("invites");
        assertEquals(1, invites.size());
        assertEquals(0, invites.get(0).get("usesLeft").asInt());
        assertEquals(1, invites.get(0).get("uses").asInt());
    }

    @Test
    void aReloadThatLowersTheSendRateIsFeltByAClientWithoutARestart(Vertx vertx) throws Exception {
        ConfigFile file = new ConfigFile(folder, "node-a");
        file.settings().putObject("limits").put("messagesPerSecond", 1000).put("messageBurst", 1000);
        Node node = start(vertx, file);
        AdminCli admin = new AdminCli(file.path());
        try (TestClient alice = TestClient.login(node.port(), "alice")) {
            // GIVEN a burst of 20 goes through under the generous rate
            assertEquals(0, limitedOf(alice, "before", 20));
            // WHEN the operator lowers the rate in the file and reloads
            file.settings().putObject("limits").put("messagesPerSecond", 1).put("messageBurst", 2);
            file.save();
            AdminCli.Result reloaded = admin.run("reload");
            assertEquals(0, reloaded.code(), reloaded.err());
            assertTrue(reloaded.out().contains("limits.messages: 1000.0/s (burst 1000) -> 1.0/s (burst 2)"),
                    reloaded.out());
            // THEN the same burst is refused past the new burst, with the rate-limit code
            int limited = limitedOf(alice, "after", 20);
            assertTrue(limited >= 17, limited + " of 20 refused");
        }
    }

    /** Sends {@code count} messages to oneself at once; returns how many were refused as RATE_LIMITED. */
    private static int limitedOf(TestClient client, String prefix, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            client.send(new Send(prefix + i, client.name()), "hi".getBytes(UTF_8));
        }
        int limited = 0;
        for (int i = 0; i < count; i++) {
            ServerMessage answer = client.awaitFrame(Accepted.class, ErrorFrame.class).header();
            if (answer instanceof ErrorFrame error) {
                assertEquals(ErrorCode.RATE_LIMITED, error.code(), error.toString());
                limited++;
            }
        }
        return limited;
    }

    @Test
    void drainTellsClientsGoodbyeRefusesLoginsAndStopsTheNode(Vertx vertx) throws Exception {
        ConfigFile file = new ConfigFile(folder, "node-a");
        Node node = start(vertx, file);
        AdminCli admin = new AdminCli(file.path());
        try (TestClient alice = TestClient.login(node.port(), "alice")) {
            AdminCli.Result drained = admin.run("drain", "--timeout", "5");
            assertEquals(0, drained.code(), drained.err());
            assertTrue(drained.out().startsWith("node-a is draining"), drained.out());
            ErrorFrame bye = alice.awaitType(ErrorFrame.class);
            assertEquals(ErrorCode.NODE_SHUTTING_DOWN, bye.code());
            assertTrue(alice.awaitClosed());
            node.whenStopped().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        // THEN the node is gone, and so is its admin channel's file
        assertFalse(Files.exists(file.dataDir().resolve(AdminAccess.FILE)));
        AdminCli.Result after = admin.run("users");
        assertEquals(1, after.code());
        assertTrue(after.err().contains("no running node found"), after.err());
    }
}
