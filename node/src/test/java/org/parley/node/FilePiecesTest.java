package org.parley.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.parley.protocol.e2ee.FileChunk;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.Ack;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.Receipt;
import org.parley.protocol.message.ReceiptStatus;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.ServerMessage;

/**
 * Pieces of files between users of two linked nodes, sent as the reference client sends them
 * ({@code send} marked {@code piece}, a window of pieces waiting for "accepted", again from the
 * first piece not accepted after {@code INTERRUPTED}). To a recipient who is online they cross on a
 * bulk stream and are never stored; chat between other users overtakes them; a link cut in the
 * middle, a recipient going away, or a recipient offline from the start lose nothing and reorder
 * nothing.
 */
class FilePiecesTest extends ClusterTest {

    private static final int WINDOW = 4;
    private static final Duration TRANSFER = Duration.ofSeconds(90);

    @Test
    void piecesForARecipientWhoIsOnlineCrossWithoutBeingStored() throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        try (TestClient alice = TestClient.login(a.port(), "alice");
             TestClient bob = TestClient.login(b.port(), "bob")) {
            cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));
            Reader reader = Reader.start(bob, 0);
            long storedBefore = b.mailboxes().counts().storedMessages();

            Sender sender = new Sender(alice, "bob@node-b", "f1", 40, 200 * 1024);
            sender.offer();
            sender.sendAll();

            reader.awaitAll(40);
            assertEquals(List.of(), reader.problems);
            sender.awaitDeliveredReceipts(40);
            assertEquals(1, b.mailboxes().counts().storedMessages() - storedBefore,
                    "only the offer was stored at node-b");
            assertEquals(40, b.mailboxes().counts().passedMessages());
            reader.stop();
        }
    }

    @Test
    void piecesForAUserOfTheSameNodeGoStraightToTheirSession() throws Exception {
        Node a = cluster.start("node-a");
        try (TestClient alice = TestClient.login(a.port(), "alice");
             TestClient bob = TestClient.login(a.port(), "bob")) {
            Reader reader = Reader.start(bob, 0);
            long storedBefore = a.mailboxes().counts().storedMessages();
            Sender sender = new Sender(alice, "bob", "here", 20, 100 * 1024);
            sender.offer();
            sender.sendAll();
            reader.awaitAll(20);
            assertEquals(List.of(), reader.problems);
            sender.awaitDeliveredReceipts(20);
            assertEquals(1, a.mailboxes().counts().storedMessages() - storedBefore, "only the offer was stored");
            reader.stop();
        }
    }

    @Test
    void aSendMarkedAsAPieceWhoseBodyIsNotOneIsRefusedAndTheConnectionGoesOn() throws Exception {
        Node a = cluster.start("node-a");
        try (TestClient alice = TestClient.login(a.port(), "alice");
             TestClient bob = TestClient.login(a.port(), "bob")) {
            alice.send(new Send("bad-piece", "bob", null, Boolean.TRUE), "not a piece of anything".getBytes(UTF_8));
            ErrorFrame refused = alice.awaitType(ErrorFrame.class);
            assertEquals(ErrorCode.BAD_REQUEST, refused.code());
            assertEquals("bad-piece", refused.ref());
            TestClient.assertChat(alice, bob, "after a bad piece");
        }
    }

    @Test
    void aSenderThatDoesNotWaitForAcceptedCannotMakeItsNodeHoldMoreThanItsShare() throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        try (TestClient alice = TestClient.login(a.port(), "alice");
             TestClient bob = TestClient.login(b.port(), "bob")) {
            cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));
            Sender sender = new Sender(alice, "bob@node-b", "flood", 48, 1000 * 1024);
            sender.offer();
            // WHEN alice sends 48 MiB of pieces at once, and bob takes them but acknowledges none
            sender.sendSome(48);

            // THEN past 32 MiB on its way, her node refuses the rest as QUEUE_FULL, in order
            int refused = 0;
            for (int answered = 0; answered < 48 - 32; ) {
                Frame<ServerMessage> frame = alice.poll(TimeUnit.SECONDS.toMillis(30));
                if (frame == null) {
                    break;
                }
                if (frame.header() instanceof ErrorFrame error) {
                    assertTrue(error.code() == ErrorCode.QUEUE_FULL || error.code() == ErrorCode.INTERRUPTED,
                            error.toString());
                    refused += error.code() == ErrorCode.QUEUE_FULL ? 1 : 0;
                    answered++;
                }
            }
            assertEquals(1, refused, "the first piece past the share is QUEUE_FULL, the ones after it wait behind it");
            assertTrue(a.federation().bulk().bufferedBytes() <= org.parley.node.files.PieceRouter.MAX_UNSETTLED_PER_SENDER,
                    "node-a holds " + a.federation().bulk().bufferedBytes() + " bytes of alice's pieces");
        }
    }

    @Test
    void aChatMessageOvertakesAFileCrossingTheSameLink() throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        try (TestClient alice = TestClient.login(a.port(), "alice");
             TestClient bob = TestClient.login(b.port(), "bob");
             TestClient carol = TestClient.login(a.port(), "carol");
             TestClient dave = TestClient.login(b.port(), "dave")) {
            cluster.awaitConverged(List.of("alice@node-a", "bob@node-b", "carol@node-a", "dave@node-b"));
            int pieces = 80;
            Reader reader = Reader.start(bob, 20); // bob's disk takes a piece every 20 ms: 1.6 s at least
            Sender sender = new Sender(alice, "bob@node-b", "big", pieces, 1000 * 1024);
            sender.offer();
            Thread sending = new Thread(() -> sender.sendAllQuietly(), "alice-sends");
            sending.start();

            await().atMost(TRANSFER).until(() -> reader.have() >= 5);
            carol.send(new Send("hello-dave", "dave@node-b"), "while the file crosses".getBytes(UTF_8));
            Delivery chat = dave.awaitType(Delivery.class);
            int piecesThen = reader.have();
            assertEquals("hello-dave", chat.id());
            assertTrue(piecesThen < pieces / 2, "dave's message came only after " + piecesThen + " of " + pieces
                    + " pieces had crossed");

            reader.awaitAll(pieces);
            sending.join(TRANSFER.toMillis());
            assertEquals(List.of(), reader.problems);
            reader.stop();
        }
    }

    @Test
    void aLinkCutInTheMiddleOfAFileResumesAndLosesNothing(Vertx vertx) throws Exception {
        Node a = cluster.start("node-a");
        try (TcpProxy ab = new TcpProxy(vertx, a.s2sPort())) {
            Node b = cluster.start("node-b", ab.start());
            try (TestClient alice = TestClient.login(a.port(), "alice");
                 TestClient bob = TestClient.login(b.port(), "bob")) {
                cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));
                int pieces = 60;
                Reader reader = Reader.start(bob, 10);
                Sender sender = new Sender(alice, "bob@node-b", "cut", pieces, 256 * 1024);
                sender.offer();
                Thread sending = new Thread(() -> sender.sendAllQuietly(), "alice-sends");
                sending.start();

                await().atMost(TRANSFER).until(() -> reader.have() >= 10);
                ab.cut();
                await().atMost(Cluster.CONVERGE).until(() -> !a.federation().reaches("node-b"));
                ab.heal();

                reader.awaitAll(pieces);
                sending.join(TRANSFER.toMillis());
                assertEquals(List.of(), reader.problems);
                assertEquals(pieces, sender.accepted.cardinality());
                reader.stop();
            }
        }
    }

    @Test
    void piecesForARecipientWhoIsOfflineWaitInTheMailboxInOrder() throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        org.parley.protocol.crypto.IdentityKeys bobKeys;
        try (TestClient bob = TestClient.login(b.port(), "bob")) {
            bobKeys = bob.keys();
        }
        try (TestClient alice = TestClient.login(a.port(), "alice")) {
            cluster.awaitConverged(List.of("alice@node-a"));
            await().atMost(Cluster.CONVERGE).until(() -> a.federation().directory().users().keySet().stream()
                    .anyMatch(user -> user.toString().equals("bob@node-b")));
            Sender sender = new Sender(alice, "bob@node-b", "later", 12, 100 * 1024);
            sender.offer();
            sender.sendAll();
        }
        assertEquals(Map.of("bob", 13), b.mailboxes().waiting().toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS));
        try (TestClient bob = TestClient.connect(b.port(), bobKeys)) {
            bob.loginAs("bob", null);
            Reader reader = Reader.start(bob, 0);
            reader.awaitAll(12);
            assertEquals(List.of(), reader.problems);
            reader.stop();
        }
    }

    @Test
    void piecesARecipientDidNotAcknowledgeBeforeLeavingComeAgainAtTheNextLogin() throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        org.parley.protocol.crypto.IdentityKeys bobKeys;
        try (TestClient alice = TestClient.login(a.port(), "alice")) {
            try (TestClient bob = TestClient.login(b.port(), "bob")) {
                bobKeys = bob.keys();
                cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));
                Sender sender = new Sender(alice, "bob@node-b", "gone", 3, 64 * 1024);
                sender.offer();
                sender.sendSome(3); // bob has them and acknowledges none
                assertEquals(3, bob.awaitDeliveries(4, 30).size() - 1);
            }
            // bob left: the pieces he had not acknowledged are stored, and alice hears "accepted" for them
            Sender rest = new Sender(alice, "bob@node-b", "gone", 3, 64 * 1024);
            rest.awaitAccepted(3);
        }
        try (TestClient bob = TestClient.connect(b.port(), bobKeys)) {
            bob.loginAs("bob", null);
            Reader reader = Reader.start(bob, 0);
            reader.awaitAll(3);
            assertEquals(List.of(), reader.problems);
            reader.stop();
        }
    }

    /**
     * A sender as the reference client is one: an offer it waits to hear is stored, then at most
     * {@link #WINDOW} pieces waiting for "accepted", again from the first not accepted after
     * {@code INTERRUPTED}.
     */
    private static final class Sender {
        private final TestClient from;
        private final String to;
        private final String fileId;
        private final int pieces;
        private final int pieceBytes;
        final BitSet accepted = new BitSet();
        final AtomicInteger deliveredReceipts = new AtomicInteger();
        private final Map<String, Integer> indexOf = new HashMap<>();
        private int attempt;

        Sender(TestClient from, String to, String fileId, int pieces, int pieceBytes) {
            this.from = from;
            this.to = to;
            this.fileId = fileId;
            this.pieces = pieces;
            this.pieceBytes = pieceBytes;
        }

        void offer() throws Exception {
            from.send(new Send(fileId + "-offer", to, true), ("offer of " + fileId).getBytes(UTF_8));
            assertEquals(fileId + "-offer", from.awaitType(Accepted.class).id());
            Receipt stored = from.awaitType(Receipt.class);
            assertEquals(ReceiptStatus.STORED, stored.status());
        }

        void sendAllQuietly() {
            try {
                sendAll();
            } catch (Exception | AssertionError e) {
                throw new IllegalStateException(e);
            }
        }

        void sendAll() throws Exception {
            int next = 0;
            int waiting = 0;
            long deadline = System.nanoTime() + TRANSFER.toNanos();
            while (accepted.cardinality() < pieces) {
                assertTrue(System.nanoTime() < deadline, "the file did not go through: " + accepted);
                while (waiting < WINDOW && next < pieces) {
                    send(next++);
                    waiting++;
                }
                Frame<ServerMessage> frame = from.poll(1000);
                if (frame == null) {
                    continue;
                }
                if (frame.header() instanceof Accepted ok && indexOf.containsKey(ok.id())) {
                    accepted.set(indexOf.remove(ok.id()));
                    waiting--;
                } else if (frame.header() instanceof Receipt receipt
                        && receipt.status() == ReceiptStatus.DELIVERED) {
                    deliveredReceipts.incrementAndGet();
                } else if (frame.header() instanceof ErrorFrame error && indexOf.containsKey(error.ref())) {
                    assertEquals(ErrorCode.INTERRUPTED, error.code(), error.message());
                    // Answers for pieces sent before this are stale: start again from the first not accepted.
                    indexOf.clear();
                    waiting = 0;
                    next = accepted.nextClearBit(0);
                }
            }
        }

        /** Each piece's sender hears it was delivered. */
        void awaitDeliveredReceipts(int count) throws Exception {
            long deadline = System.nanoTime() + TRANSFER.toNanos();
            while (deliveredReceipts.get() < count && System.nanoTime() < deadline) {
                Frame<ServerMessage> frame = from.poll(1000);
                if (frame != null && frame.header() instanceof Receipt receipt
                        && receipt.status() == ReceiptStatus.DELIVERED) {
                    deliveredReceipts.incrementAndGet();
                }
            }
            assertEquals(count, deliveredReceipts.get(), "delivered receipts");
        }

        void sendSome(int count) throws Exception {
            for (int i = 0; i < count; i++) {
                send(i);
            }
        }

        void awaitAccepted(int count) throws Exception {
            int seen = 0;
            long deadline = System.nanoTime() + TRANSFER.toNanos();
            while (seen < count && System.nanoTime() < deadline) {
                Frame<ServerMessage> frame = from.poll(1000);
                if (frame != null && frame.header() instanceof Accepted ok && ok.id().startsWith(fileId + "-")) {
                    seen++;
                }
            }
            assertEquals(count, seen, "pieces accepted");
        }

        private void send(int index) throws Exception {
            String id = fileId + "-" + index + "-" + attempt++;
            indexOf.put(id, index);
            byte[] sealed = new byte[pieceBytes];
            java.util.Arrays.fill(sealed, (byte) index);
            from.send(new Send(id, to, index == pieces - 1 ? Boolean.TRUE : null, Boolean.TRUE),
                    new FileChunk(fileId, index, index == pieces - 1, sealed).encode());
        }
    }

    /**
     * A recipient's client: acknowledges each piece (after {@code pauseMillis}, its disk), keeps
     * repeats out, and notes any piece that comes before one it has not had.
     */
    private static final class Reader {
        private final TestClient client;
        private final long pauseMillis;
        /** Pieces on disk (acknowledged). */
        private final AtomicInteger next = new AtomicInteger();
        /** Reader thread only: the next piece in order. */
        private long expected;
        final List<String> problems = new CopyOnWriteArrayList<>();
        private final AtomicReference<Thread> thread = new AtomicReference<>();
        private volatile boolean running = true;

        private Reader(TestClient client, long pauseMillis) {
            this.client = client;
            this.pauseMillis = pauseMillis;
        }

        static Reader start(TestClient client, long pauseMillis) {
            Reader reader = new Reader(client, pauseMillis);
            Thread thread = new Thread(reader::run, "reader-" + client.name());
            reader.thread.set(thread);
            thread.start();
            return reader;
        }

        int have() {
            return next.get();
        }

        void awaitAll(int pieces) {
            await().atMost(TRANSFER).until(() -> next.get() >= pieces || !problems.isEmpty());
        }

        void stop() throws InterruptedException {
            running = false;
            thread.get().join(10_000);
        }

        private void run() {
            // A slow disk takes pauseMillis a piece: its acknowledgements go out at that pace, scheduled
            // rather than slept, and the reader moves on to the next frame meanwhile.
            java.util.concurrent.ScheduledExecutorService disk = java.util.concurrent.Executors
                    .newSingleThreadScheduledExecutor();
            long written = System.nanoTime();
            try {
                while (running) {
                    Frame<ServerMessage> frame = client.poll(200);
                    if (frame == null || !(frame.header() instanceof Delivery delivery)) {
                        continue;
                    }
                    long delay = 0;
                    boolean fresh = false;
                    if (FileChunk.isChunk(frame.body())) {
                        FileChunk.Position at = FileChunk.position(frame.body());
                        if (at.index() > expected) {
                            problems.add("piece " + at.index() + " came before piece " + expected);
                        } else if (at.index() == expected) {
                            expected++;
                            fresh = true;
                            written = Math.max(written, System.nanoTime()) + TimeUnit.MILLISECONDS.toNanos(pauseMillis);
                            delay = written - System.nanoTime();
                        }
                    }
                    boolean counts = fresh;
                    disk.schedule(() -> acknowledge(delivery.id(), counts), delay, TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                problems.add("the reader failed: " + e);
            } finally {
                disk.shutdown();
            }
        }

        private void acknowledge(String id, boolean piece) {
            try {
                if (piece) {
                    next.incrementAndGet();
                }
                client.send(new Ack(List.of(id)));
            } catch (Exception e) {
                problems.add("the reader could not acknowledge: " + e);
            }
        }
    }
}
