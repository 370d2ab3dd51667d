package org.parley.node;

import org.parley.protocol.message.ReceiptStatus;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.Ack;
import org.parley.protocol.message.Bye;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.ReadReceipt;
import org.parley.protocol.message.Receipt;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.ServerMessage;

/**
 * Offline delivery through mailboxes, with real nodes and raw clients: what waits arrives once,
 * in order, before live traffic; limits are refused aloud; receipts find their sender.
 */
class MailboxTest {

    @TempDir
    Path data;

    private Vertx vertx;
    private final NodeFixture nodes = new NodeFixture();

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        nodes.stopAll();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Registers {@code name} on {@code node} and leaves: the user exists and is offline. */
    private static IdentityKeys registerAndLeave(Node node, String name) throws Exception {
        TestClient client = TestClient.login(node.port(), name);
        client.send(new Bye());
        assertTrue(client.awaitClosed());
        return client.keys();
    }

    private static void sendAll(TestClient from, String to, String prefix, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            from.send(new Send(prefix + i, to), (prefix + i).getBytes(UTF_8));
        }
        for (int i = 0; i < count; i++) {
            from.awaitType(Accepted.class);
        }
    }

    private static List<String> ids(List<Frame<ServerMessage>> frames) {
        return frames.stream().map(frame -> ((Delivery) frame.header()).id()).toList();
    }

    private static List<String> numbered(String prefix, int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }

    @Test
    void aBacklogCutOffHalfwayArrivesWholeAtTheNextLoginNothingTwice() throws Exception {
        Node node = nodes.start(vertx, data, Map.of());
        IdentityKeys bob = registerAndLeave(node, "bob");
        try (TestClient alice = TestClient.login(node.port(), "alice")) {
            sendAll(alice, "bob", "m", 2500);
        }

        // bob takes the first page, acknowledges part of it, and his connection drops
        List<String> acknowledged;
        try (TestClient first = TestClient.login(node.port(), "bob", bob)) {
            List<Frame<ServerMessage>> page = first.awaitDeliveries(1000, 30);
            assertEquals(numbered("m", 0, 1000), ids(page));
            acknowledged = ids(page).subList(0, 600);
            first.send(new Ack(acknowledged.subList(0, 300)));
            first.send(new Ack(acknowledged.subList(300, 600)));
            // the acks are taken before the next page goes: 400 unacknowledged is under half a page
            first.awaitDeliveries(1, 30);
        }

        // THEN the next login brings the rest, in order, and none of what was acknowledged
        try (TestClient second = TestClient.login(node.port(), "bob", bob)) {
            List<String> rest = new ArrayList<>(ids(second.awaitDeliveries(1000, 30)));
            second.send(new Ack(rest)); // the next page waits for this, as a client that keeps up acknowledges
            List<String> last = ids(second.awaitDeliveries(900, 30));
            second.send(new Ack(last));
            rest.addAll(last);
            assertEquals(numbered("m", 600, 2500), rest);
            await().atMost(Duration.ofSeconds(30)).until(() -> node.mailboxes().waiting().toCompletionStage().toCompletableFuture()
                    .get().getOrDefault("bob", 0) == 0);
        }
    }

    @Test
    void aReaderThatFallsBehindIsNotCutOffAndGetsTheRestFromTheStoreInOrder() throws Exception {
        Node node = nodes.start(vertx, data, Map.of());
        try (TestClient bob = TestClient.login(node.port(), "bob");
             TestClient alice = TestClient.login(node.port(), "alice")) {
            // bob stops reading, as a client writing a file to a slow disk does
            bob.pauseReading();
            byte[] chunk = new byte[512 * 1024];
            int count = 64; // 32 MiB: twice what a node queues for a slow reader before cutting it off
            for (int i = 0; i < count; i++) {
                chunk[0] = (byte) i;
                alice.send(new Send("c" + i, "bob"), chunk);
                alice.awaitType(Accepted.class);
            }
            // WHEN he reads again, acknowledging as he goes
            bob.resumeReading();
            List<String> got = new ArrayList<>();
            while (got.size() < count) {
                List<Frame<ServerMessage>> some = bob.awaitDeliveries(1, 30);
                assertEquals(1, some.size(), "delivered so far: " + got.size());
                assertEquals(got.size(), some.get(0).body()[0]);
                got.addAll(ids(some));
                bob.send(new Ack(ids(some)));
            }
            // THEN he was not cut off as a slow consumer and has every message once, in order
            assertEquals(numbered("c", 0, count), got);
            assertTrue(!bob.closed());
        }
    }

    @Test
    void twoSessionsOfOneUserBothReceiveEveryMessageWhileOneReadsSlowly() throws Exception {
        Node node = nodes.start(vertx, data, Map.of());
        try (TestClient fast = TestClient.login(node.port(), "bob");
             TestClient slow = TestClient.login(node.port(), "bob", fast.keys());
             TestClient alice = TestClient.login(node.port(), "alice")) {
            // GIVEN bob's second session stops reading (a file to a slow disk), his first keeps up
            slow.pauseReading();
            byte[] chunk = new byte[512 * 1024];
            int count = 64; // 32 MiB: far more than a reader may fall behind live delivery (4 MiB) plus socket buffers
            List<String> atFast = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                chunk[0] = (byte) i;
                alice.send(new Send("c" + i, "bob"), chunk);
                alice.awaitType(Accepted.class);
                // WHEN the fast session acknowledges each message as it comes
                List<String> got = ids(fast.awaitDeliveries(1, 30));
                fast.send(new Ack(got));
                atFast.addAll(got);
            }
            assertEquals(numbered("c", 0, count), atFast);

            // THEN the slow one, reading again, still gets every message once, in order, from the mailbox
            slow.resumeReading();
            List<String> atSlow = new ArrayList<>();
            while (atSlow.size() < count) {
                List<Frame<ServerMessage>> some = slow.awaitDeliveries(1, 30);
                assertEquals(1, some.size(), "delivered to the slow session so far: " + atSlow);
                atSlow.addAll(ids(some));
                slow.send(new Ack(ids(some)));
            }
            assertEquals(numbered("c", 0, count), atSlow);
            // and, both sessions having acknowledged everything, nothing waits
            await().atMost(Duration.ofSeconds(30)).until(() -> node.mailboxes().waiting().toCompletionStage()
                    .toCompletableFuture().get().getOrDefault("bob", 0) == 0);
        }
    }

    @Test
    void aMessageSentAgainWithTheSameIdReachesAnOnlineRecipientOnce() throws Exception {
        Node node = nodes.start(vertx, data, Map.of());
        try (TestClient bob = TestClient.login(node.port(), "bob");
             TestClient alice = TestClient.login(node.port(), "alice")) {
            // WHEN alice sends m1, then sends it again (as a client does that lost its connection before
            // it heard "accepted"), then m2
            alice.send(new Send("m1", "bob"), "once".getBytes(UTF_8));
            alice.send(new Send("m1", "bob"), "once".getBytes(UTF_8));
            alice.send(new Send("m2", "bob"), "then".getBytes(UTF_8));
            for (int i = 0; i < 3; i++) {
                alice.awaitType(Accepted.class);
            }
            // THEN bob gets m1 once, then m2
            assertEquals(List.of("m1", "m2"), ids(bob.awaitDeliveries(2, 30)));
            alice.send(new Send("m3", "bob"), "last".getBytes(UTF_8));
            assertEquals(List.of("m3"), ids(bob.awaitDeliveries(1, 30)));
        }
    }

    @Test
    void whatArrivesDuringTheBacklogFollowsIt() throws Exception {
        Node node = nodes.start(vertx, data, Map.of());
        IdentityKeys bob = registerAndLeave(node, "bob");
        try (TestClient alice = TestClient.login(node.port(), "alice")) {
            sendAll(alice, "bob", "old", 1500);
            try (TestClient back = TestClient.login(node.port(), "bob", bob)) {
                // alice keeps writing while bob's backlog is on its way, unacknowledged
                sendAll(alice, "bob", "new", 10);
                List<Frame<ServerMessage>> firstPage = back.awaitDeliveries(1000, 30);
                back.send(new Ack(ids(firstPage)));
                List<String> all = new ArrayList<>(ids(firstPage));
                List<String> rest = ids(back.awaitDeliveries(510, 30));
                all.addAll(rest);
                List<String> expected = numbered("old", 0, 1500);
                expected.addAll(numbered("new", 0, 10));
                assertEquals(expected, all);
            }
        }
    }

    @Test
    void aFullMailboxRefusesTheSenderAloudOnItsNodeAndAcrossTheNetwork() throws Exception {
        Node a = nodes.start(vertx, data.resolve("a"), Map.of("name", "node-a",
                "peerFingerprints", Map.of("node-b", NodeFixture.fingerprint(data.resolve("b"), "node-b"))));
        Node b = nodes.start(vertx, data.resolve("b"), Map.of("name", "node-b", "mailboxMaxMessages", 3,
                "peers", List.of("127.0.0.1:" + a.s2sPort()), "peerFingerprints", Map.of("node-a", a.federation().fingerprint())));
        registerAndLeave(b, "bob");
        try (TestClient carol = TestClient.login(b.port(), "carol");
             TestClient alice = TestClient.login(a.port(), "alice")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> a.federation().directory().users().keySet().stream()
                    .anyMatch(u -> u.toString().equals("bob@node-b")));
            sendAll(carol, "bob", "c", 3);

            carol.send(new Send("c3", "bob"), "one too many".getBytes(UTF_8));
            ErrorFrame full = carol.awaitType(ErrorFrame.class);
            assertEquals(ErrorCode.MAILBOX_FULL, full.code());
            assertEquals("c3", full.ref());
            assertTrue(full.message().contains("bob@node-b"), full.message());

            alice.send(new Send("a0", "bob@node-b"), "from afar".getBytes(UTF_8));
            assertEquals(1, alice.awaitType(Accepted.class).forwarded());
            ErrorFrame farFull = alice.awaitType(ErrorFrame.class);
            assertEquals(ErrorCode.MAILBOX_FULL, farFull.code());
            assertEquals("a0", farFull.ref());
        }
    }

    @Test
    void readReceiptsCrossNodesAndNameTheReader() throws Exception {
        Node a = nodes.start(vertx, data.resolve("a"), Map.of("name", "node-a",
                "peerFingerprints", Map.of("node-b", NodeFixture.fingerprint(data.resolve("b"), "node-b"))));
        Node b = nodes.start(vertx, data.resolve("b"), Map.of("name", "node-b",
                "peers", List.of("127.0.0.1:" + a.s2sPort()), "peerFingerprints", Map.of("node-a", a.federation().fingerprint())));
        try (TestClient alice = TestClient.login(a.port(), "alice");
             TestClient bob = TestClient.login(b.port(), "bob")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> a.federation().directory().users().keySet().stream()
                    .anyMatch(u -> u.toString().equals("bob@node-b")));
            alice.send(new Send("m1", "bob@node-b"), "hi".getBytes(UTF_8));
            assertEquals("m1", bob.awaitType(Delivery.class).id());

            bob.send(new Ack(List.of("m1")));
            bob.send(new ReadReceipt("m1", "alice@node-a"));

            assertEquals(new Receipt("m1", "bob@node-b", ReceiptStatus.DELIVERED), alice.awaitType(Receipt.class));
            assertEquals(new Receipt("m1", "bob@node-b", ReceiptStatus.READ), alice.awaitType(Receipt.class));
        }
    }

    @Test
    void aMessageThatWaitsTooLongIsDroppedAndItsSenderToldSo() throws Exception {
        Node node = nodes.start(vertx, data, Map.of("mailboxMaxAgeSeconds", 1));
        registerAndLeave(node, "bob");
        try (TestClient alice = TestClient.login(node.port(), "alice")) {
            sendAll(alice, "bob", "m", 1);

            assertEquals(new Receipt("m0", "bob@test", ReceiptStatus.EXPIRED), alice.awaitType(Receipt.class));
            assertEquals(0, node.mailboxes().waiting().toCompletionStage().toCompletableFuture().get()
                    .getOrDefault("bob", 0));
        }
    }

    @Test
    void whatWaitsSurvivesARestartOfTheNode() throws Exception {
        Node node = nodes.start(vertx, data, Map.of());
        IdentityKeys bob = registerAndLeave(node, "bob");
        try (TestClient alice = TestClient.login(node.port(), "alice")) {
            sendAll(alice, "bob", "m", 100);
        }
        nodes.stop(node);

        Node again = nodes.start(vertx, data, Map.of());
        try (TestClient back = TestClient.login(again.port(), "bob", bob)) {
            assertEquals(numbered("m", 0, 100), ids(back.awaitDeliveries(100, 30)));
        }
    }

    @Test
    void aDeletedAccountTakesItsWaitingMessagesWithItNotToTheNextOwnerOfTheName() throws Exception {
        Node node = nodes.start(vertx, data, Map.of());
        IdentityKeys bob = registerAndLeave(node, "bob");
        try (TestClient alice = TestClient.login(node.port(), "alice")) {
            sendAll(alice, "bob", "old", 3);
        }
        try (TestClient back = TestClient.login(node.port(), "bob", bob)) {
            back.awaitDeliveries(3, 30); // not acknowledged: still waiting
            back.send(new org.parley.protocol.message.DeleteAccount("d1"));
            back.awaitType(org.parley.protocol.message.AccountDeleted.class);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> node.mailboxes().waiting().toCompletionStage()
                .toCompletableFuture().get().getOrDefault("bob", 0) == 0);

        try (TestClient newcomer = TestClient.login(node.port(), "bob");
             TestClient carol = TestClient.login(node.port(), "carol")) {
            carol.send(new Send("new", "bob"), "welcome".getBytes(UTF_8));
            assertEquals("new", newcomer.awaitType(Delivery.class).id(), "the old owner's messages came first");
        }
    }
}
