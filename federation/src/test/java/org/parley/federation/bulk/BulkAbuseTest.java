package org.parley.federation.bulk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.federation.bulk.LinkedNodes.WAIT;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.federation.Federation;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.link.RawPeer;
import org.parley.federation.wire.BulkCredit;
import org.parley.federation.wire.BulkData;
import org.parley.federation.wire.BulkOpen;
import org.parley.federation.wire.BulkReset;
import org.parley.federation.wire.LinkClose;
import org.parley.federation.wire.PeerHello;
import org.parley.federation.wire.PeerProof;
import org.parley.federation.wire.PeerWire;

/**
 * A peer that breaks the rules of bulk streams, played frame by frame over a real link to node-a:
 * it can use only the credit node-a granted, per stream, and only so many streams at once.
 */
@ExtendWith(VertxExtension.class)
class BulkAbuseTest {

    private static final int PIECE = BulkStreams.MAX_FRAME_BYTES;
    private static final BulkLimits LIMITS = new BulkLimits(BulkLimits.MIN_WINDOW_BYTES, 2);

    private final NodeIdentity rogueIdentity = LinkedNodes.identity("node-b");
    private Federation a;
    private Taker taker;
    private RawPeer rogue;

    @BeforeEach
    void link(Vertx vertx) throws Exception {
        a = LinkedNodes.nodeA(vertx, LIMITS, rogueIdentity);
        taker = Taker.stalled();
        a.bulk().accept(BulkPurpose.FILE, taker);
        rogue = new RawPeer(vertx).connect(vertx, a.s2sPort());
        PeerHello hello = rogue.next(PeerHello.class);
        rogue.hello(rogueIdentity, PeerWire.VERSION);
        rogue.next(PeerProof.class);
        rogue.prove(rogueIdentity, hello, rogueIdentity);
    }

    @AfterEach
    void close() {
        rogue.close();
    }

    /** Opens {@code stream} (the rogue dialled: odd numbers) and waits for node-a's grant. */
    private long open(int stream) throws Exception {
        rogue.send(new BulkOpen(stream, "file"), "a file".getBytes(StandardCharsets.UTF_8));
        BulkCredit credit = rogue.nextOf(BulkCredit.class);
        assertEquals(stream, credit.stream());
        return credit.bytes();
    }

    /** Sends one whole item of 1 MiB and then one piece more than the window holds. */
    private void overrun(int stream) {
        int pieces = BulkStreams.MAX_ITEM_BYTES / PIECE;
        for (int i = 0; i < pieces; i++) {
            rogue.send(new BulkData(stream, 1, 0, i * PIECE, i == pieces - 1), new byte[PIECE]);
        }
        rogue.send(new BulkData(stream, 2, 0, 0, false), new byte[PIECE]);
    }

    @Test
    void aPeerThatSendsPastItsCreditHasTheStreamResetAndNodeALetsGoOfIt() throws Exception {
        // GIVEN a stream node-a granted one window of credit
        assertEquals(LIMITS.windowBytes(), open(1));

        // WHEN the peer sends a window's worth and then more
        overrun(1);

        // THEN node-a resets the stream saying why, holds nothing of it, and its reader hears it ended
        BulkReset reset = rogue.nextOf(BulkReset.class);
        assertEquals(1, reset.stream());
        assertTrue(reset.why().contains("sent past its credit"), reset.why());
        BulkEnd end = taker.ends.get(1).get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(BulkEnd.Cause.RESET_HERE, end.cause());
        assertEquals(BulkStreams.MAX_ITEM_BYTES, taker.itemBytes.get(1).get(), "the item within credit was taken");
        await().atMost(WAIT).until(() -> a.bulk().bufferedBytes() == 0);
    }

    @Test
    void aPeerThatKeepsBreakingTheRulesLosesTheLink() throws Exception {
        // GIVEN a peer that sent past its credit twice
        for (int stream : new int[] {1, 3}) {
            open(stream);
            overrun(stream);
            assertEquals(stream, rogue.nextOf(BulkReset.class).stream());
        }

        // WHEN it does so a third time
        open(5);
        overrun(5);

        // THEN node-a closes the link, saying why
        LinkClose close = rogue.nextOf(LinkClose.class);
        assertTrue(close.reason().contains("broke the rules of bulk streams 3 times"), close.reason());
        rogue.closedAfterAll();
        await().atMost(WAIT).until(() -> a.bulk().bufferedBytes() == 0);
    }

    @Test
    void aPeerMayOpenOnlySoManyStreamsAtOnce() throws Exception {
        // GIVEN a peer with as many streams open as node-a allows (two here)
        open(1);
        open(3);

        // WHEN it opens one more
        rogue.send(new BulkOpen(5, "file"), new byte[0]);

        // THEN that one is reset, and the two it has stay open
        BulkReset reset = rogue.nextOf(BulkReset.class);
        assertEquals(5, reset.stream());
        assertTrue(reset.why().contains("at most 2 streams at once"), reset.why());
        assertEquals(2, taker.streams.size());
        assertTrue(taker.ends.values().stream().noneMatch(end -> end.isDone()));
    }

    @Test
    void framesOfAStreamThePeerNeverOpenedAreRefused() throws Exception {
        // WHEN the peer sends data on a stream it never opened, and on one of node-a's numbers
        rogue.send(new BulkData(7, 1, 0, 0, true), new byte[10]);
        rogue.send(new BulkData(2, 1, 0, 0, true), new byte[10]);

        // THEN each is refused with a reset, and nothing is taken
        BulkReset first = rogue.nextOf(BulkReset.class);
        assertEquals(7, first.stream());
        assertTrue(first.why().contains("which it did not open"), first.why());
        assertEquals(2, rogue.nextOf(BulkReset.class).stream());
        assertTrue(taker.streams.isEmpty());
        assertEquals(0, a.bulk().bufferedBytes());
    }
}
