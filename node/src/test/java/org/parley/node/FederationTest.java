package org.parley.node;

import org.parley.protocol.message.ReceiptStatus;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.Ack;
import org.parley.protocol.message.AccountDeleted;
import org.parley.protocol.message.DeleteAccount;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.PresenceNotice;
import org.parley.protocol.message.Receipt;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.message.UserList;
import org.parley.protocol.message.UserStatus;
import org.parley.protocol.message.WhoRequest;

/** Users of different nodes chat as if they shared one: two nodes, a line of three, a ring of four. */
class FederationTest extends ClusterTest {

    @Test
    void usersOfTwoLinkedNodesChatSeeEachOtherAndGetBroadcasts() throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        // bob asks about alice before she is in (they have not talked yet)
        try (TestClient bob = TestClient.login(b.port(), "bob").watching("alice@node-a");
             TestClient alice = TestClient.login(a.port(), "alice")) {
            cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));

            // bob hears that alice came online, though she is on another node
            PresenceNotice joined = bob.awaitType(PresenceNotice.class);
            assertEquals("alice@node-a", joined.user());
            assertEquals(Presence.ONLINE, joined.status());

            // WHEN alice writes to bob@node-b, she is told it was accepted, then delivered
            alice.send(new Send("m1", "bob@node-b"), "hello bob".getBytes(UTF_8));
            Accepted accepted = alice.awaitType(Accepted.class);
            assertEquals(1, accepted.forwarded());
            Frame<ServerMessage> atBob = bob.awaitFrame(Delivery.class);
            Delivery delivery = (Delivery) atBob.header();
            assertEquals("alice@node-a", delivery.from());
            assertEquals("bob@node-b", delivery.to());
            assertEquals("hello bob", new String(atBob.body(), UTF_8));
            bob.send(new Ack(List.of("m1")));
            Receipt receipt = alice.awaitType(Receipt.class);
            assertEquals("m1", receipt.id());
            assertEquals(ReceiptStatus.DELIVERED, receipt.status());

            // and bob answers the other way
            bob.send(new Send("m2", "alice@node-a"), "hi alice".getBytes(UTF_8));
            Frame<ServerMessage> atAlice = alice.awaitFrame(Delivery.class);
            assertEquals("bob@node-b", ((Delivery) atAlice.header()).from());
            assertEquals("hi alice", new String(atAlice.body(), UTF_8));

            // a broadcast reaches the other node's users
            alice.send(new Send("m3", "*"), "to everyone".getBytes(UTF_8));
            Frame<ServerMessage> broadcast = bob.awaitFrame(Delivery.class);
            assertEquals("*", ((Delivery) broadcast.header()).to());
            assertEquals("to everyone", new String(broadcast.body(), UTF_8));

            // who on either node lists both, with their node and status
            for (TestClient asker : List.of(alice, bob)) {
                asker.send(new WhoRequest("w"));
                List<UserStatus> users = asker.awaitType(UserList.class).users();
                assertTrue(users.contains(new UserStatus("alice@node-a", "node-a", Presence.ONLINE, 1)), users.toString());
                assertTrue(users.contains(new UserStatus("bob@node-b", "node-b", Presence.ONLINE, 1)), users.toString());
            }

            // an unknown user of the other node is a clear error
            alice.send(new Send("m4", "nobody@node-b"), "?".getBytes(UTF_8));
            ErrorFrame unknown = alice.awaitType(ErrorFrame.class);
            assertEquals(ErrorCode.UNKNOWN_USER, unknown.code());
            assertEquals("m4", unknown.ref());
        }
    }

    @Test
    void aLeaveOnOneNodeIsAnnouncedOnTheOther() throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        try (TestClient bob = TestClient.login(b.port(), "bob")) {
            bob.watch("alice@node-a");
            TestClient alice = TestClient.login(a.port(), "alice");
            cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));
            assertEquals(Presence.ONLINE, bob.awaitType(PresenceNotice.class).status());

            alice.close();

            PresenceNotice left = bob.awaitType(PresenceNotice.class);
            assertEquals("alice@node-a", left.user());
            assertEquals(Presence.OFFLINE, left.status());
            // and what bob writes to her now waits at node-a until she is back
            bob.send(new Send("m1", "alice@node-a"), "still there?".getBytes(UTF_8));
            assertEquals(1, bob.awaitType(Accepted.class).forwarded());
            try (TestClient back = TestClient.login(a.port(), "alice", alice.keys())) {
                Frame<ServerMessage> waited = back.awaitFrame(Delivery.class);
                assertEquals("bob@node-b", ((Delivery) waited.header()).from());
                assertEquals("still there?", new String(waited.body(), UTF_8));
                back.send(new Ack(List.of("m1")));
                Receipt receipt = bob.awaitType(Receipt.class);
                assertEquals("m1", receipt.id());
                assertEquals(ReceiptStatus.DELIVERED, receipt.status());
            }
        }
    }

    @Test
    void aSenderWhoAsksHearsWhenTheRecipientsNodeHasStoredTheMessage() throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        TestClient bob = TestClient.login(b.port(), "bob");
        bob.close();
        TestClient.login(a.port(), "carol").close();
        try (TestClient alice = TestClient.login(a.port(), "alice")) {
            cluster.awaitConverged(List.of("alice@node-a", "bob@node-b", "carol@node-a"));
            // bob (node-b) and carol (node-a) are offline: nothing is delivered, but it is stored
            alice.send(new Send("far", "bob@node-b", true), "kept for bob".getBytes(UTF_8));
            assertEquals("far", alice.awaitType(Accepted.class).id());
            Receipt far = alice.awaitType(Receipt.class);
            assertEquals(new Receipt("far", "bob@node-b", ReceiptStatus.STORED), far);

            alice.send(new Send("near", "carol", true), "kept for carol".getBytes(UTF_8));
            assertEquals("near", alice.awaitType(Accepted.class).id());
            assertEquals(new Receipt("near", "carol@node-a", ReceiptStatus.STORED), alice.awaitType(Receipt.class));

            // without asking, no such receipt: the next receipt alice hears is bob's "delivered"
            alice.send(new Send("plain", "bob@node-b"), "no news".getBytes(UTF_8));
            alice.awaitType(Accepted.class);
            try (TestClient back = TestClient.login(b.port(), "bob", bob.keys())) {
                List<String> ids = back.awaitDeliveries(2, 30).stream()
                        .map(frame -> ((Delivery) frame.header()).id()).toList();
                assertEquals(List.of("far", "plain"), ids);
                back.send(new Ack(List.of("plain")));
                assertEquals(new Receipt("plain", "bob@node-b", ReceiptStatus.DELIVERED), alice.awaitType(Receipt.class));
            }
        }
    }

    @Test
    void aBacklogAcknowledgedAtOnceGivesItsSenderOneReceiptPerMessage() throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        TestClient bob = TestClient.login(b.port(), "bob");
        bob.close();
        try (TestClient alice = TestClient.login(a.port(), "alice")) {
            cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));
            int count = 2500; // their receipts leave node-b hundreds to an envelope
            for (int i = 0; i < count; i++) {
                alice.send(new Send("m" + i, "bob@node-b"), ("n" + i).getBytes(UTF_8));
            }
            for (int i = 0; i < count; i++) {
                alice.awaitType(Accepted.class);
            }
            try (TestClient back = TestClient.login(b.port(), "bob", bob.keys())) {
                // WHEN bob acknowledges them as they come, 500 per ack
                List<String> ids = new java.util.ArrayList<>();
                while (ids.size() < count) {
                    List<String> page = back.awaitDeliveries(500, 30).stream()
                            .map(frame -> ((Delivery) frame.header()).id()).toList();
                    assertEquals(500, page.size(), "deliveries after " + ids.size());
                    back.send(new Ack(page));
                    ids.addAll(page);
                }
                // THEN alice hears "delivered" for each, once
                java.util.Set<String> receipted = new java.util.HashSet<>();
                for (int i = 0; i < count; i++) {
                    Receipt receipt = alice.awaitType(Receipt.class);
                    assertEquals(ReceiptStatus.DELIVERED, receipt.status());
                    assertEquals("bob@node-b", receipt.to());
                    assertTrue(receipted.add(receipt.id()), "two receipts for " + receipt.id());
                }
                assertEquals(java.util.Set.copyOf(ids), receipted);
            }
        }
    }

    @Test
    void aDeletedAccountIsRemovedFromEveryNodesDirectory() throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        try (TestClient alice = TestClient.login(a.port(), "alice");
             TestClient bob = TestClient.login(b.port(), "bob")) {
            cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));

            bob.send(new DeleteAccount("d1"));

            assertEquals("bob@node-b", bob.awaitType(AccountDeleted.class).user());
            assertTrue(bob.awaitClosed());
            await().atMost(Cluster.CONVERGE).until(() ->
                    a.federation().directory().user(new UserAddress("bob", "node-b")).isEmpty());
            alice.send(new Send("m1", "bob@node-b"), "are you there?".getBytes(UTF_8));
            assertEquals(ErrorCode.UNKNOWN_USER, alice.awaitType(ErrorFrame.class).code());
        }
    }

    @Test
    void aNodeGoneForLongerThanTheExpiryIsForgottenWithItsUsers() throws Exception {
        Map<String, Object> quickExpiry = Map.of("nodeExpirySeconds", 2);
        Node a = cluster.start("node-a", quickExpiry);
        cluster.start("node-b", quickExpiry, a.s2sPort());
        try (TestClient alice = TestClient.login(a.port(), "alice")) {
            try (TestClient bob = TestClient.login(cluster.node("node-b").port(), "bob")) {
                cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));
            }
            cluster.stop("node-b");

            await().atMost(Cluster.CONVERGE).until(() -> a.federation().directory().node("node-b").isEmpty()
                    && a.federation().directory().user(new UserAddress("bob", "node-b")).isEmpty());
            alice.send(new WhoRequest("w"));
            assertTrue(alice.awaitType(UserList.class).users().stream().noneMatch(u -> u.node().equals("node-b")));
        }
    }

    @Test
    void theDirectoryConvergesOnAStar() throws Exception {
        Node hub = cluster.start("hub");
        Node s1 = cluster.start("spoke-1", hub.s2sPort());
        cluster.start("spoke-2", hub.s2sPort());
        Node s3 = cluster.start("spoke-3", hub.s2sPort());
        try (TestClient ann = TestClient.login(s1.port(), "ann");
             TestClient cal = TestClient.login(s3.port(), "cal")) {
            cluster.awaitConverged(List.of("ann@spoke-1", "cal@spoke-3"));
            assertEquals(Optional.of("hub"), s1.federation().routes().nextHop("spoke-3"));

            ann.send(new Send("m1", "cal@spoke-3"), "spoke to spoke".getBytes(UTF_8));
            assertEquals("spoke to spoke", new String(cal.awaitFrame(Delivery.class).body(), UTF_8));
        }
    }

    @Test
    void theDirectoryConvergesOnAFullMeshAndABroadcastTakesTheDirectLink() throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        Node c = cluster.start("node-c", a.s2sPort(), b.s2sPort());
        Node d = cluster.start("node-d", a.s2sPort(), b.s2sPort(), c.s2sPort());
        try (TestClient ann = TestClient.login(a.port(), "ann");
             TestClient dan = TestClient.login(d.port(), "dan")) {
            cluster.awaitConverged(List.of("ann@node-a", "dan@node-d"));
            assertEquals(Optional.of("node-d"), a.federation().routes().nextHop("node-d"));

            // the flood crosses every link of the mesh; dan gets it once. (A broadcast is signed and
            // checked on a worker, so a direct message sent after it may arrive first.)
            ann.send(new Send("m1", "*"), "to all".getBytes(UTF_8));
            ann.send(new Send("m2", "dan@node-d"), "marker".getBytes(UTF_8));
            assertEquals(java.util.Set.of("to all", "marker"), java.util.Set.copyOf(
                    dan.awaitDeliveries(2, 10).stream().map(f -> new String(f.body(), UTF_8)).toList()));
            // a copy of the flood by another path would come before this second marker
            ann.send(new Send("m3", "dan@node-d"), "second marker".getBytes(UTF_8));
            assertEquals(List.of("second marker"),
                    dan.awaitDeliveries(1, 10).stream().map(f -> new String(f.body(), UTF_8)).toList());
        }
    }

    @Test
    void anIdleUserShowsAsAwayOnOtherNodes() throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", Map.of("awaySeconds", 1), a.s2sPort());
        try (TestClient alice = TestClient.login(a.port(), "alice").watching("bob@node-b");
             TestClient bob = TestClient.login(b.port(), "bob")) {
            cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));

            PresenceNotice notice = alice.awaitType(PresenceNotice.class);
            while (notice.status() != Presence.AWAY) {
                notice = alice.awaitType(PresenceNotice.class);
            }
            assertEquals("bob@node-b", notice.user());
            alice.send(new WhoRequest("w"));
            assertTrue(alice.awaitType(UserList.class).users()
                    .contains(new UserStatus("bob@node-b", "node-b", Presence.AWAY, 1)));

            // bob does something: he is back
            bob.send(new WhoRequest("w"));
            notice = alice.awaitType(PresenceNotice.class);
            assertEquals(new PresenceNotice("bob@node-b", Presence.ONLINE, null), notice);
        }
    }

    @Test
    void aMessageCrossesTheMiddleNodeOfALine() throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        Node c = cluster.start("node-c", b.s2sPort());
        try (TestClient alice = TestClient.login(a.port(), "alice");
             TestClient carol = TestClient.login(c.port(), "carol")) {
            cluster.awaitConverged(List.of("alice@node-a", "carol@node-c"));
            assertEquals(Optional.of("node-b"), a.federation().routes().nextHop("node-c"));

            alice.send(new Send("m1", "carol@node-c"), "via b".getBytes(UTF_8));
            Frame<ServerMessage> atCarol = carol.awaitFrame(Delivery.class);
            assertEquals("alice@node-a", ((Delivery) atCarol.header()).from());
            assertEquals("via b", new String(atCarol.body(), UTF_8));
            carol.send(new Ack(List.of("m1")));
            assertEquals(ReceiptStatus.DELIVERED, alice.awaitType(Receipt.class).status());

            carol.send(new Send("m2", "*"), "hello line".getBytes(UTF_8));
            assertEquals("hello line", new String(alice.awaitFrame(Delivery.class).body(), UTF_8));
        }
    }

    @Test
    void whenALinkOfARingIsCutTrafficTakesTheOtherWay(Vertx vertx) throws Exception {
        Node a = cluster.start("node-a");
        try (TcpProxy ab = new TcpProxy(vertx, a.s2sPort())) {
            Node b = cluster.start("node-b", ab.start());
            Node c = cluster.start("node-c", b.s2sPort());
            cluster.start("node-d", c.s2sPort(), a.s2sPort());
            try (TestClient alice = TestClient.login(a.port(), "alice");
                 TestClient carol = TestClient.login(c.port(), "carol")) {
                cluster.awaitConverged(List.of("alice@node-a", "carol@node-c"));
                assertEquals(Optional.of("node-b"), a.federation().routes().nextHop("node-c"));
                alice.send(new Send("m1", "carol@node-c"), "via b".getBytes(UTF_8));
                assertEquals("via b", new String(carol.awaitFrame(Delivery.class).body(), UTF_8));

                // WHEN the a-b link is cut
                ab.cut();
                await().atMost(Cluster.CONVERGE).until(() ->
                        a.federation().routes().nextHop("node-c").equals(Optional.of("node-d")));

                // THEN a's messages to c go round through d
                alice.send(new Send("m2", "carol@node-c"), "via d".getBytes(UTF_8));
                assertEquals("via d", new String(carol.awaitFrame(Delivery.class).body(), UTF_8));
                carol.send(new Ack(List.of("m2")));
                Receipt receipt = alice.awaitType(Receipt.class);
                while (!receipt.id().equals("m2")) {
                    receipt = alice.awaitType(Receipt.class);
                }
                assertEquals(ReceiptStatus.DELIVERED, receipt.status());
                // and nothing is left waiting in a's outbox once c has acknowledged
                await().atMost(Cluster.CONVERGE).until(() -> a.federation().waiting().toCompletionStage()
                        .toCompletableFuture().get().values().stream().allMatch(n -> n == 0));
            }
        }
    }
}
