package org.parley.transport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class OutboundQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RecordingTransport transport = new RecordingTransport();
    private final AtomicInteger overflows = new AtomicInteger();
    private Context context;

    @BeforeEach
    void context(Vertx vertx) {
        context = vertx.getOrCreateContext();
    }

    private OutboundQueue queue(long limitBytes) {
        return new OutboundQueue(context, transport, limitBytes, overflows::incrementAndGet);
    }

    private static byte[] frame(int number, int size) {
        byte[] frame = new byte[size];
        frame[0] = (byte) number;
        return frame;
    }

    @Test
    void framesOfferedInOneLoopTurnLeaveInOneWrite() {
        // GIVEN a queue on a loop
        OutboundQueue queue = queue(1 << 20);

        // WHEN a hundred frames are offered in one turn of that loop (a burst, or a broadcast)
        context.runOnContext(v -> {
            for (int i = 0; i < 100; i++) {
                queue.offer(frame(i, 10));
            }
        });

        // THEN they leave in one write, in order
        await().atMost(WAIT).until(() -> transport.frames().size() == 100);
        assertEquals(1, transport.batches.size());
        for (int i = 0; i < 100; i++) {
            assertEquals((byte) i, transport.frames().get(i)[0]);
        }
    }

    @Test
    void framesOfferedFromAnotherThreadArriveInOrder() {
        OutboundQueue queue = queue(1 << 20);

        for (int i = 0; i < 1000; i++) {
            assertTrue(queue.offer(frame(i, 4)));
        }

        await().atMost(WAIT).until(() -> transport.frames().size() == 1000);
        List<byte[]> frames = transport.frames();
        for (int i = 0; i < 1000; i++) {
            assertEquals((byte) i, frames.get(i)[0]);
        }
    }

    @Test
    void aFullWriteQueueHoldsFramesHereUntilItDrains() {
        // GIVEN a reader whose socket has just filled up
        OutboundQueue queue = queue(1 << 20);
        transport.full = true;
        queue.offer(frame(1, 100));
        await().atMost(WAIT).until(() -> transport.batches.size() == 1);

        // WHEN more frames come
        queue.offer(frame(2, 100));
        queue.offer(frame(3, 100));

        // THEN they wait here, counted, until the socket drains
        await().atMost(WAIT).until(() -> queue.queuedBytes() == 200);
        assertEquals(1, transport.batches.size());
        context.runOnContext(v -> transport.drain());
        await().atMost(WAIT).until(() -> transport.frames().size() == 3);
        assertEquals(0, queue.queuedBytes());
        assertEquals(2, transport.batches.size());
    }

    @Test
    void aReaderTooFarBehindOverflowsOnceAndLaterFramesAreRefused() {
        // GIVEN a reader that stopped reading, with room for two frames of 60 bytes waiting
        OutboundQueue queue = queue(120);
        transport.full = true;
        queue.offer(frame(1, 60));
        await().atMost(WAIT).until(() -> transport.batches.size() == 1);
        assertTrue(queue.offer(frame(2, 60)));
        assertTrue(queue.offer(frame(3, 60)));

        // WHEN two more frames come
        boolean fourth = queue.offer(frame(4, 60));
        boolean fifth = queue.offer(frame(5, 60));

        // THEN both are refused and the owner is told once
        assertFalse(fourth);
        assertFalse(fifth);
        assertEquals(1, overflows.get());
        assertEquals(120, queue.queuedBytes());
    }

    /** Frame 1 written to a socket that is now full; frame 2 waiting in the queue. */
    private OutboundQueue stalledWithFrameTwoWaiting() {
        OutboundQueue queue = queue(1 << 20);
        transport.full = true;
        queue.offer(frame(1, 10));
        await().atMost(WAIT).until(() -> transport.batches.size() == 1);
        queue.offer(frame(2, 10));
        await().atMost(WAIT).until(() -> queue.queuedBytes() == 10);
        return queue;
    }

    @Test
    void closeAfterWritesWhatWaitsThenTheLastFrameThenCloses() {
        OutboundQueue queue = stalledWithFrameTwoWaiting();

        context.runOnContext(v -> queue.closeAfter(frame(9, 5), CloseCause.PROTOCOL_ERROR));

        await().atMost(WAIT).until(() -> transport.closedWith != null);
        assertEquals(CloseCause.PROTOCOL_ERROR, transport.closedWith);
        assertEquals(List.of((byte) 1, (byte) 2, (byte) 9), transport.frames().stream().map(f -> f[0]).toList());
        assertFalse(queue.offer(frame(3, 10)), "a closed queue takes nothing more");
    }

    @Test
    void abortDropsWhatWaitsAndWritesOnlyTheLastFrame() {
        OutboundQueue queue = stalledWithFrameTwoWaiting();

        context.runOnContext(v -> queue.abort(frame(9, 5), CloseCause.POLICY_VIOLATION));

        await().atMost(WAIT).until(() -> transport.closedWith != null);
        assertEquals(List.of((byte) 1, (byte) 9), transport.frames().stream().map(f -> f[0]).toList());
        assertEquals(0, queue.queuedBytes());
    }

    @Test
    void closingWithNothingToSayWritesNothing() {
        OutboundQueue queue = queue(1 << 20);

        context.runOnContext(v -> queue.closeAfter(null, CloseCause.NORMAL));

        await().atMost(WAIT).until(() -> transport.closedWith != null);
        assertEquals(CloseCause.NORMAL, transport.closedWith);
        assertTrue(transport.frames().isEmpty());
    }

    /** A lower lane that hands out {@code count} frames of {@code size} bytes, numbered from {@code first}. */
    private static Deque<byte[]> lane(int first, int count, int size) {
        Deque<byte[]> lane = new ArrayDeque<>();
        for (int i = 0; i < count; i++) {
            lane.add(frame(first + i, size));
        }
        return lane;
    }

    @Test
    void theLowerLaneWritesOneFrameAtATimeAndOnlyWhenNothingElseWaits() {
        // GIVEN a queue with a lower lane of three frames
        Deque<byte[]> lane = lane(20, 3, 10);
        OutboundQueue queue = new OutboundQueue(context, transport, 1 << 20, overflows::incrementAndGet, lane::poll);

        // WHEN two frames are offered and the lane says it has frames, in one turn
        context.runOnContext(v -> {
            queue.offer(frame(1, 10));
            queue.idleFramesReady();
            queue.offer(frame(2, 10));
        });

        // THEN the queued frames leave first, together, then the lane's, one per write
        await().atMost(WAIT).until(() -> transport.frames().size() == 5);
        assertEquals(List.of(List.of((byte) 1, (byte) 2), List.of((byte) 20), List.of((byte) 21), List.of((byte) 22)),
                transport.batches.stream().map(batch -> batch.stream().map(f -> f[0]).toList()).toList());
    }

    @Test
    void aFrameOfferedWhileTheLowerLaneFilledTheTransportGoesFirstOnceItDrains() {
        // GIVEN a transport the lower lane has just filled
        Deque<byte[]> lane = lane(20, 3, 10);
        OutboundQueue queue = new OutboundQueue(context, transport, 1 << 20, overflows::incrementAndGet, () -> {
            transport.full = true;
            return lane.poll();
        });
        queue.idleFramesReady();
        await().atMost(WAIT).until(() -> transport.batches.size() == 1);

        // WHEN a frame is offered, and the transport drains
        queue.offer(frame(1, 10));
        await().atMost(WAIT).until(() -> queue.queuedBytes() == 10);
        context.runOnContext(v -> transport.drain());

        // THEN that frame went next, before the lane's second frame
        await().atMost(WAIT).until(() -> transport.batches.size() == 3);
        assertEquals(List.of((byte) 20, (byte) 1, (byte) 21), transport.frames().stream().map(f -> f[0]).toList());
    }

    @Test
    void theLowerLanesFramesNeverCountAgainstTheLimit() {
        // GIVEN a queue that holds at most 100 bytes, with a lower lane of frames ten times that size
        Deque<byte[]> lane = lane(20, 5, 1000);
        OutboundQueue queue = new OutboundQueue(context, transport, 100, overflows::incrementAndGet, lane::poll);

        // WHEN the lane writes
        queue.idleFramesReady();

        // THEN all of it leaves, and the queue never overflowed
        await().atMost(WAIT).until(() -> transport.frames().size() == 5);
        assertEquals(0, overflows.get());
        assertTrue(queue.offer(frame(1, 100)));
    }
}
