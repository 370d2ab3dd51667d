package org.parley.federation.bulk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.federation.bulk.LinkedNodes.WAIT;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bulk streams between two real nodes linked over 127.0.0.1: chat never waits behind them, a slow
 * reader slows only its own stream, credit bounds what each end holds, and every stream ends once
 * with a cause.
 */
@ExtendWith(VertxExtension.class)
class BulkStreamsTest {

    private static final int MIB = 1 << 20;
    private static final long WINDOW = BulkLimits.DEFAULTS.windowBytes();
    private static final byte[] NO_HEADER = new byte[0];

    private static BulkSender open(LinkedNodes nodes, String header) {
        return nodes.a.bulk().open("node-b", BulkPurpose.FILE, header.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    private static CompletableFuture<BulkEnd> endOf(BulkSender sender) {
        CompletableFuture<BulkEnd> end = new CompletableFuture<>();
        sender.ended(end::complete);
        return end;
    }

    private static BulkEnd ended(CompletableFuture<BulkEnd> end) throws Exception {
        return end.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Linked nodes, node-b's file streams taken by {@code taker}. */
    private static LinkedNodes nodesWith(Vertx vertx, Taker taker) throws Exception {
        LinkedNodes nodes = LinkedNodes.start(vertx, BulkLimits.DEFAULTS);
        nodes.b.bulk().accept(BulkPurpose.FILE, taker);
        return nodes;
    }

    /** A stream to node-b with {@code items} MiB queued, once its reader (which must not settle) holds its window. */
    private static BulkSender holdingItsWindow(LinkedNodes nodes, Taker taker, String header, int items) {
        BulkSender sender = open(nodes, header);
        sendItems(sender, items, new byte[MIB]);
        await().atMost(WAIT).until(() -> taker.streams.containsKey(sender.id())
                && taker.streams.get(sender.id()).bufferedBytes() == WINDOW);
        return sender;
    }

    private static void sendItems(BulkSender sender, int count, byte[] body) {
        for (int i = 0; i < count; i++) {
            assertEquals(i + 1, sender.send(NO_HEADER, body));
        }
    }

    @Test
    void chatArrivesWhileALargeBulkTransferIsFarFromDone(Vertx vertx) throws Exception {
        // GIVEN 256 MiB of items on their way from node-a to node-b, each settled as it arrives
        Taker taker = Taker.settlingAll();
        LinkedNodes nodes = nodesWith(vertx, taker);
        BulkSender sender = open(nodes, "a large file");
        CompletableFuture<BulkEnd> senderEnd = endOf(sender);
        int items = 256;
        sendItems(sender, items, new byte[MIB]);
        sender.close();
        await().atMost(WAIT).until(() -> taker.received() >= 8L * MIB);

        // WHEN alice sends carol a message over the same link
        AtomicLong bulkAtChat = new AtomicLong(-1);
        nodes.usersOfB.onChat = () -> bulkAtChat.set(taker.received());
        nodes.chatToCarol("m1", "hello while a file goes by").await(10, TimeUnit.SECONDS);

        // THEN it arrives while most of the bulk transfer has still to come, and the transfer completes
        await().atMost(WAIT).until(() -> nodes.usersOfB.chat.contains("m1"));
        long total = (long) items * MIB;
        assertTrue(bulkAtChat.get() >= 0 && bulkAtChat.get() < total / 4, "the message arrived after "
                + bulkAtChat.get() / MIB + " MiB of a " + total / MIB + " MiB transfer");
        assertEquals(BulkEnd.Cause.CLOSED, ended(senderEnd).cause());
        BulkEnd receiverEnd = taker.ends.get(sender.id()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(BulkEnd.Cause.CLOSED, receiverEnd.cause());
        assertEquals(total, taker.itemBytes.get(sender.id()).get());
        assertEquals(items, ended(senderEnd).lastSettled());
        assertEquals(0, nodes.a.bulk().bufferedBytes());
        assertEquals(0, nodes.b.bulk().bufferedBytes());
    }

    @Test
    void itemsArriveWholeAndInOrderWithTheirHeadersWhereverTheirPiecesAreCut(Vertx vertx) throws Exception {
        // GIVEN a reader at node-b that keeps every item
        List<BulkItem> arrived = new CopyOnWriteArrayList<>();
        LinkedNodes nodes = LinkedNodes.start(vertx, BulkLimits.DEFAULTS);
        nodes.b.bulk().accept(BulkPurpose.FILE, stream -> {
            stream.handler(item -> {
                arrived.add(item);
                stream.settle(Settled.as(item.seq(), Settlement.DELIVERED));
            });
        });

        // WHEN node-a sends items whose headers end inside a piece, on a piece's edge, or make the whole item
        Random random = new Random(7);
        List<byte[][]> sent = new ArrayList<>();
        for (int[] sizes : new int[][] {{3000, 150_000}, {BulkStreams.MAX_HEADER_BYTES, BulkStreams.MAX_ITEM_BYTES},
                {100, BulkStreams.MAX_FRAME_BYTES - 100}, {0, 0}, {BulkStreams.MAX_HEADER_BYTES, 0}, {1, 1}}) {
            byte[] header = new byte[sizes[0]];
            byte[] body = new byte[sizes[1]];
            random.nextBytes(header);
            random.nextBytes(body);
            sent.add(new byte[][] {header, body});
        }
        BulkSender sender = open(nodes, "shapes");
        CompletableFuture<BulkEnd> end = endOf(sender);
        sent.forEach(item -> sender.send(item[0], item[1]));
        sender.close();

        // THEN each arrives whole, its header and body apart as they were sent, in order
        assertEquals(BulkEnd.Cause.CLOSED, ended(end).cause());
        assertEquals(sent.size(), arrived.size());
        for (int i = 0; i < sent.size(); i++) {
            assertEquals(i + 1, arrived.get(i).seq());
            assertArrayEquals(sent.get(i)[0], arrived.get(i).header(), "header " + i);
            assertArrayEquals(sent.get(i)[1], arrived.get(i).body(), "body " + i);
        }
    }

    @Test
    void aReaderThatNeverSettlesStallsNeitherChatNorAnotherStreamOnTheLink(Vertx vertx) throws Exception {
        // GIVEN a stream whose reader at node-b never settles, with more queued than its window
        Taker taker = new Taker(stream -> !Taker.said(stream).equals("stalled"));
        LinkedNodes nodes = nodesWith(vertx, taker);
        BulkSender stalled = holdingItsWindow(nodes, taker, "stalled", 8);

        // WHEN another stream on the same link sends 32 MiB, and alice sends carol a message
        BulkSender moving = open(nodes, "moving");
        CompletableFuture<BulkEnd> movingEnd = endOf(moving);
        sendItems(moving, 32, new byte[MIB]);
        moving.close();
        nodes.chatToCarol("m1", "hello past a stalled stream").await(10, TimeUnit.SECONDS);

        // THEN the message arrives and the other stream completes, while the stalled one holds its window
        await().atMost(WAIT).until(() -> nodes.usersOfB.chat.contains("m1"));
        assertEquals(BulkEnd.Cause.CLOSED, ended(movingEnd).cause());
        assertEquals(32L * MIB, taker.itemBytes.get(moving.id()).get());
        assertEquals(WINDOW, taker.streams.get(stalled.id()).bufferedBytes());
        assertEquals(8L * MIB - WINDOW, stalled.queuedBytes());
        assertFalse(taker.ends.get(stalled.id()).isDone());
    }

    @Test
    void aStreamItsReaderResetsGivesBackAllItHeldAndANewStreamRunsFreely(Vertx vertx) throws Exception {
        // GIVEN a stream whose reader at node-b holds its whole window, with more queued at node-a
        Taker taker = Taker.stalled();
        LinkedNodes nodes = nodesWith(vertx, taker);
        BulkSender first = holdingItsWindow(nodes, taker, "first", 8);
        CompletableFuture<BulkEnd> firstEnd = endOf(first);
        assertEquals(WINDOW, nodes.b.bulk().bufferedBytes());
        assertEquals(8L * MIB - WINDOW, nodes.a.bulk().bufferedBytes());

        // WHEN the reader resets it
        taker.streams.get(first.id()).reset("no room for it");

        // THEN both ends let go of everything the stream held, and the sender hears why
        BulkEnd end = ended(firstEnd);
        assertEquals(BulkEnd.Cause.RESET_BY_PEER, end.cause());
        assertTrue(end.why().contains("no room for it"), end.why());
        assertEquals(BulkEnd.Cause.RESET_HERE, ended(taker.ends.get(first.id())).cause());
        await().atMost(WAIT).until(() -> nodes.b.bulk().bufferedBytes() == 0);
        assertEquals(0, taker.streams.get(first.id()).bufferedBytes());
        assertEquals(0, first.queuedBytes());
        assertEquals(0, nodes.a.bulk().bufferedBytes());
        assertEquals(-1, first.send(NO_HEADER, new byte[1]), "an ended stream takes nothing more");

        // AND a new stream to the same reader carries a full window and more
        taker.settles = stream -> true;
        BulkSender second = open(nodes, "second");
        CompletableFuture<BulkEnd> secondEnd = endOf(second);
        sendItems(second, 8, new byte[MIB]);
        second.close();
        assertEquals(BulkEnd.Cause.CLOSED, ended(secondEnd).cause());
        assertEquals(8L * MIB, taker.itemBytes.get(second.id()).get());
    }

    @Test
    void aStreamItsSenderResetsIsDroppedAtTheReader(Vertx vertx) throws Exception {
        // GIVEN a stream whose reader at node-b holds its whole window
        Taker taker = Taker.stalled();
        LinkedNodes nodes = nodesWith(vertx, taker);
        BulkSender sender = holdingItsWindow(nodes, taker, "doomed", 6);
        CompletableFuture<BulkEnd> senderEnd = endOf(sender);

        // WHEN the sender resets it
        sender.reset("the user cancelled");

        // THEN the reader hears why and lets go of what it held; the sender drops what it queued
        BulkEnd atReader = ended(taker.ends.get(sender.id()));
        assertEquals(BulkEnd.Cause.RESET_BY_PEER, atReader.cause());
        assertTrue(atReader.why().contains("the user cancelled"), atReader.why());
        assertEquals(BulkEnd.Cause.RESET_HERE, ended(senderEnd).cause());
        assertEquals(0, nodes.b.bulk().bufferedBytes());
        assertEquals(0, sender.queuedBytes());
        assertEquals(0, nodes.a.bulk().bufferedBytes());
    }

    @Test
    void aHundredStreamsWithReadersThatNeverSettleHoldNoMoreThanTheirWindows(Vertx vertx) throws Exception {
        // GIVEN the smallest window that holds one item of the largest size, and readers that never settle
        BulkLimits limits = new BulkLimits(BulkLimits.MIN_WINDOW_BYTES, 256);
        LinkedNodes nodes = LinkedNodes.start(vertx, limits);
        Taker taker = Taker.stalled();
        nodes.b.bulk().accept(BulkPurpose.FILE, taker);

        // WHEN node-a opens a hundred streams and queues 24 items of 64 KiB on each, 1.5 MiB
        int streams = 100;
        int piece = BulkStreams.MAX_FRAME_BYTES;
        byte[] body = new byte[piece];
        List<BulkSender> senders = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            BulkSender sender = open(nodes, "stream " + i);
            sendItems(sender, 24, body);
            senders.add(sender);
        }

        // THEN each reader holds the 16 items that fit its window and no more, and never held more,
        // and what did not fit waits at node-a, counted as queued
        long fits = (limits.windowBytes() / piece) * piece;
        AtomicLong mostHeldByB = new AtomicLong();
        await().atMost(WAIT).until(() -> {
            mostHeldByB.accumulateAndGet(nodes.b.bulk().bufferedBytes(), Math::max);
            return taker.streams.size() == streams
                    && taker.streams.values().stream().allMatch(stream -> stream.bufferedBytes() == fits);
        });
        assertEquals(streams * fits, nodes.b.bulk().bufferedBytes());
        assertTrue(mostHeldByB.get() <= streams * limits.windowBytes(), "node-b held " + mostHeldByB.get());
        assertTrue(taker.mostHeldByAStream.get() <= limits.windowBytes(), "a stream held "
                + taker.mostHeldByAStream.get());
        long queued = 0;
        for (BulkSender sender : senders) {
            assertEquals(fits, sender.sentBytes());
            assertEquals(24L * piece, sender.sentBytes() + sender.queuedBytes(), "what the caller queued");
            queued += sender.queuedBytes();
        }
        assertEquals(streams * (24L * piece - fits), queued);
        assertEquals(queued, nodes.a.bulk().bufferedBytes());
    }

    @Test
    void whenTheLinkClosesEveryStreamOnItEndsOnBothSides(Vertx vertx) throws Exception {
        // GIVEN streams both ways: three from node-a (one holding its window, one with an item, one empty)
        // and two from node-b
        LinkedNodes nodes = LinkedNodes.start(vertx, BulkLimits.DEFAULTS);
        Taker atB = Taker.stalled();
        Taker atA = Taker.stalled();
        nodes.b.bulk().accept(BulkPurpose.FILE, atB);
        nodes.a.bulk().accept(BulkPurpose.VIDEO, atA);
        List<BulkSender> senders = new ArrayList<>();
        senders.add(open(nodes, "full"));
        senders.add(open(nodes, "one item"));
        senders.add(open(nodes, "empty"));
        sendItems(senders.get(0), 6, new byte[MIB]);
        sendItems(senders.get(1), 1, new byte[1000]);
        for (int i = 0; i < 2; i++) {
            senders.add(nodes.b.bulk().open("node-a", BulkPurpose.VIDEO, new byte[0]).orElseThrow());
        }
        sendItems(senders.get(3), 1, new byte[1000]);
        List<CompletableFuture<BulkEnd>> senderEnds = senders.stream().map(BulkStreamsTest::endOf).toList();
        await().atMost(WAIT).until(() -> atB.streams.size() == 3 && atA.streams.size() == 2
                && atB.itemBytes.get(senders.get(0).id()).get() == WINDOW && atA.received() == 1000);

        // WHEN the link is cut
        nodes.cut();

        // THEN every stream ends as lost with its link, at both ends, and neither node holds anything for them
        for (CompletableFuture<BulkEnd> end : senderEnds) {
            assertEquals(BulkEnd.Cause.LINK_LOST, ended(end).cause());
        }
        for (Taker taker : List.of(atA, atB)) {
            for (CompletableFuture<BulkEnd> end : taker.ends.values()) {
                assertEquals(BulkEnd.Cause.LINK_LOST, ended(end).cause());
            }
        }
        assertEquals(0, nodes.a.bulk().bufferedBytes());
        assertEquals(0, nodes.b.bulk().bufferedBytes());
        // and both ends numbered their streams without asking: node-b dialled (odd), node-a accepted (even)
        senders.subList(0, 3).forEach(sender -> assertEquals(0, sender.id() % 2));
        senders.subList(3, 5).forEach(sender -> assertEquals(1, sender.id() % 2));
        assertNotEquals(senders.get(3).id(), senders.get(4).id());
        assertTrue(nodes.a.bulk().open("node-b", BulkPurpose.FILE, new byte[0]).isEmpty(),
                "no stream opens to a node with no link");
    }
}
