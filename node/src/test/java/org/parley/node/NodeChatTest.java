package org.parley.node;

import org.parley.protocol.message.ReceiptStatus;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.message.Receipt;
import org.parley.protocol.message.Ack;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.Bye;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.PresenceNotice;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.message.UserList;
import org.parley.protocol.message.UserStatus;
import org.parley.protocol.message.WhoRequest;

@ExtendWith(VertxExtension.class)
class NodeChatTest {

    @TempDir
    Path dataDir;

    private final NodeFixture nodes = new NodeFixture();
    private Node node;

    @BeforeEach
    void startNode(Vertx vertx) throws Exception {
        node = nodes.start(vertx, dataDir, Map.of());
    }

    @AfterEach
    void stopNode() throws Exception {
        nodes.stopAll();
    }

    @Test
    void twoUsersExchangeDirectMessages() throws Exception {
        try (TestClient alice = TestClient.login(node.port(), "alice")) {
            alice.watch("bob");
            TestClient bob = TestClient.login(node.port(), "bob");
            alice.awaitType(PresenceNotice.class);

            // WHEN alice writes to bob, and bob answers
            alice.send(new Send("m1", "bob"), "hello bob".getBytes(UTF_8));
            Frame<ServerMessage> atBob = bob.expectFrame(Delivery.class);
            bob.send(new Send("m2", "alice@test"), "hi alice".getBytes(UTF_8));
            Frame<ServerMessage> atAlice = alice.awaitFrame(Delivery.class);

            // THEN each sees the other's message, fully addressed, and each sender got an acceptance
            Delivery toBob = (Delivery) atBob.header();
            assertEquals("m1", toBob.id());
            assertEquals("alice@test", toBob.from());
            assertEquals("bob@test", toBob.to());
            assertArrayEquals("hello bob".getBytes(UTF_8), atBob.body());
            assertEquals("bob@test", ((Delivery) atAlice.header()).from());
            assertArrayEquals("hi alice".getBytes(UTF_8), atAlice.body());
            assertEquals(new Accepted("m2", 1), bob.expect(Accepted.class));
            bob.close();
        }
    }

    @Test
    void messagesBetweenTwoUsersArriveInOrder() throws Exception {
        try (TestClient alice = TestClient.login(node.port(), "alice");
             TestClient bob = TestClient.login(node.port(), "bob")) {
            for (int i = 0; i < 500; i++) {
                alice.send(new Send("m" + i, "bob"), ("n" + i).getBytes(UTF_8));
            }
            for (int i = 0; i < 500; i++) {
                assertEquals("m" + i, bob.awaitType(Delivery.class).id());
            }
        }
    }

    @Test
    void aBroadcastReachesEveryoneButTheSender() throws Exception {
        try (TestClient alice = TestClient.login(node.port(), "alice");
             TestClient bob = TestClient.login(node.port(), "bob");
             TestClient carol = TestClient.login(node.port(), "carol")) {

            alice.send(new Send("b1", "*"), "hello all".getBytes(UTF_8));

            assertEquals("alice@test", bob.awaitType(Delivery.class).from());
            Delivery atCarol = carol.awaitType(Delivery.class);
            assertEquals("*", atCarol.to());
            assertEquals(new Accepted("b1", 2), alice.awaitType(Accepted.class));
            // The next message alice receives is bob's, so the broadcast was not echoed to her.
            bob.send(new Send("d1", "alice"), "direct".getBytes(UTF_8));
            assertEquals("d1", alice.awaitType(Delivery.class).id());
        }
    }

    @Test
    void whoListsEveryoneOnline() throws Exception {
        try (TestClient alice = TestClient.login(node.port(), "alice");
             TestClient bob = TestClient.login(node.port(), "bob")) {

            alice.send(new WhoRequest("w1"));

            UserList list = alice.awaitType(UserList.class);
            assertEquals("w1", list.id());
            assertEquals(List.of(new UserStatus("alice@test", "test", Presence.ONLINE, 1),
                    new UserStatus("bob@test", "test", Presence.ONLINE, 1)), list.users());
        }
    }

    @Test
    void whoeverAskedAboutAUserIsToldWhenTheyJoinAndLeave() throws Exception {
        try (TestClient alice = TestClient.login(node.port(), "alice")) {
            alice.watch("bob");
            alice.watch("carol");
            TestClient bob = TestClient.login(node.port(), "bob");
            assertEquals(new PresenceNotice("bob@test", Presence.ONLINE, null), alice.awaitType(PresenceNotice.class));

            bob.send(new Bye());
            assertTrue(bob.awaitClosed());
            assertEquals(new PresenceNotice("bob@test", Presence.OFFLINE, "quit"), alice.awaitType(PresenceNotice.class));

            TestClient bobAgain = TestClient.login(node.port(), "carol");
            alice.awaitType(PresenceNotice.class);
            bobAgain.close(); // no bye: the connection just drops
            assertEquals(new PresenceNotice("carol@test", Presence.OFFLINE, "connection lost"),
                    alice.awaitType(PresenceNotice.class));
        }
    }

    @Test
    void aSecondSessionOfTheSameUserIsNotAnnouncedAndBothReceive() throws Exception {
        try (TestClient alice = TestClient.login(node.port(), "alice");
             TestClient bob = TestClient.connect(node.port())) {
            alice.watch("bob");
            bob.loginAs("bob", null);
            alice.awaitType(PresenceNotice.class);
            try (TestClient bob2 = TestClient.connect(node.port(), bob.keys())) {
                bob2.loginAs("bob", null);

                alice.send(new Send("m1", "bob"), "to both".getBytes(UTF_8));

                assertEquals("m1", bob.awaitType(Delivery.class).id());
                assertEquals("m1", bob2.awaitType(Delivery.class).id());
                // A session still receiving its backlog takes live messages after it, so it may not count here.
                Accepted accepted = alice.awaitType(Accepted.class);
                assertEquals("m1", accepted.id());
                assertTrue(accepted.recipients() >= 1 && accepted.recipients() <= 2, accepted.toString());
            }
            alice.assertNothingPending();
        }
    }

    @Test
    void anUnknownRecipientIsNamedInTheErrorAndTheSessionGoesOn() throws Exception {
        try (TestClient alice = TestClient.login(node.port(), "alice")) {

            alice.send(new Send("m1", "nobody"), "hello?".getBytes(UTF_8));

            ErrorFrame error = alice.expect(ErrorFrame.class);
            assertEquals(ErrorCode.UNKNOWN_USER, error.code());
            assertEquals("m1", error.ref());
            assertTrue(error.message().contains("nobody@test"), error.message());
            alice.send(new WhoRequest("w1"));
            assertEquals("w1", alice.expect(UserList.class).id());
        }
    }

    @Test
    void aMessageForAUserWhoIsOfflineWaitsAndArrivesAtLoginThenTheSenderHearsDelivered() throws Exception {
        TestClient bob = TestClient.login(node.port(), "bob");
        bob.send(new Bye());
        bob.awaitClosed();
        try (TestClient alice = TestClient.login(node.port(), "alice")) {

            alice.send(new Send("m1", "bob"), "are you there".getBytes(UTF_8));
            alice.send(new Send("m2", "bob"), "hello?".getBytes(UTF_8));

            assertEquals(new Accepted("m1", 0), alice.expect(Accepted.class));
            assertEquals(new Accepted("m2", 0), alice.expect(Accepted.class));
            try (TestClient back = TestClient.login(node.port(), "bob", bob.keys())) {
                assertEquals("m1", back.awaitType(Delivery.class).id());
                assertEquals("m2", back.awaitType(Delivery.class).id());
                back.send(new Ack(java.util.List.of("m1", "m2")));
                assertEquals(new Receipt("m1", "bob@test", ReceiptStatus.DELIVERED), alice.awaitType(Receipt.class));
                assertEquals(new Receipt("m2", "bob@test", ReceiptStatus.DELIVERED), alice.awaitType(Receipt.class));
            }
            // acknowledged, so gone: the next login brings nothing
            try (TestClient again = TestClient.login(node.port(), "bob", bob.keys())) {
                alice.send(new Send("m3", "bob"), "third".getBytes(UTF_8));
                assertEquals("m3", again.awaitType(Delivery.class).id());
            }
        }
    }

    @Test
    void aMessageToAnotherNodeIsRefusedWithTheReason() throws Exception {
        try (TestClient alice = TestClient.login(node.port(), "alice")) {

            alice.send(new Send("m1", "bob@elsewhere"), "hi".getBytes(UTF_8));

            ErrorFrame error = alice.expect(ErrorFrame.class);
            assertEquals(ErrorCode.UNKNOWN_USER, error.code());
            assertTrue(error.message().contains("elsewhere"), error.message());
        }
    }

    @Test
    void aBadRecipientOrIdIsABadRequestNotADisconnect() throws Exception {
        try (TestClient alice = TestClient.login(node.port(), "alice")) {

            alice.send(new Send("m1", "Not A Name"), new byte[0]);
            assertEquals(ErrorCode.BAD_REQUEST, alice.expect(ErrorFrame.class).code());
            alice.send(new Send("has spaces", "alice"), new byte[0]);
            assertEquals(ErrorCode.BAD_REQUEST, alice.expect(ErrorFrame.class).code());
            alice.send(new Send("m2", null), new byte[0]);
            assertEquals(ErrorCode.BAD_REQUEST, alice.expect(ErrorFrame.class).code());

            alice.send(new Send("m3", "alice"), "note to self".getBytes(UTF_8));
            assertEquals("m3", alice.awaitType(Delivery.class).id());
        }
    }

    @Test
    void aClientCannotClaimAnotherSender() throws Exception {
        try (TestClient alice = TestClient.login(node.port(), "alice");
             TestClient bob = TestClient.login(node.port(), "bob")) {
            String spoofed = "{\"type\":\"send\",\"id\":\"m1\",\"to\":\"bob\",\"from\":\"carol@test\"}";

            alice.sendRaw(RawFrames.frame(spoofed, "it is carol".getBytes(UTF_8)));

            assertEquals("alice@test", bob.awaitType(Delivery.class).from());
        }
    }
}
