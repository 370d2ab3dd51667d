package org.parley.federation.link;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.transport.CloseCause;
import org.parley.transport.Framing;
import org.parley.transport.Transport;
import org.parley.transport.TransportReader;

/**
 * The order a link writes in, on a transport with no socket behind it whose queue fills after each
 * write, as a busy socket's does: control and chat before any bulk frame, bulk streams in turn.
 */
@ExtendWith(VertxExtension.class)
class LinkSchedulerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final SlowTransport transport = new SlowTransport();
    private Context context;
    private LinkScheduler scheduler;

    @BeforeEach
    void context(Vertx vertx) {
        context = vertx.getOrCreateContext();
        scheduler = new LinkScheduler(context, transport, 1 << 20, () -> { });
    }

    /** A bulk stream with {@code count} frames, each named by the stream's letter and its number. */
    private static BulkSource stream(char name, int count) {
        return new BulkSource() {
            private int sent;

            @Override
            public byte[] nextFrame() {
                return ready() ? new byte[] {(byte) name, (byte) ++sent} : null;
            }

            @Override
            public boolean ready() {
                return sent < count;
            }
        };
    }

    /** Lets the transport take one more write; on the context. */
    private void drainOnce() {
        context.runOnContext(v -> transport.drain());
    }

    @Test
    void bulkStreamsTakeTurnsOneFrameAtATime() {
        // WHEN three streams may send, of 3, 1 and 2 frames
        context.runOnContext(v -> {
            scheduler.ready(stream('a', 3));
            scheduler.ready(stream('b', 1));
            scheduler.ready(stream('c', 2));
        });
        for (int i = 1; i < 6; i++) {
            int written = i;
            await().atMost(WAIT).until(() -> transport.written.size() == written);
            drainOnce();
        }

        // THEN they went round-robin until each had sent all it had
        await().atMost(WAIT).until(() -> transport.written.size() == 6);
        assertEquals(List.of("a1", "b1", "c1", "a2", "c2", "a3"), transport.written);
    }

    @Test
    void aChatFrameGoesBeforeTheNextBulkFrameWhateverWaits() {
        // GIVEN a stream with many frames that has just filled the transport
        context.runOnContext(v -> scheduler.ready(stream('a', 100)));
        await().atMost(WAIT).until(() -> transport.written.size() == 1);

        // WHEN a chat frame and a control frame come
        scheduler.offer(new byte[] {'m', 1});
        scheduler.offer(new byte[] {'p', 1});
        await().atMost(WAIT).until(() -> scheduler.queuedBytes() == 4);
        drainOnce();

        // THEN both go next, together, before the stream's second frame
        await().atMost(WAIT).until(() -> transport.written.size() == 3);
        drainOnce();
        await().atMost(WAIT).until(() -> transport.written.size() == 4);
        assertEquals(List.of("a1", "m1", "p1", "a2"), transport.written);
        assertEquals(List.of(1, 2, 1), transport.batchSizes.subList(0, 3));
    }

    @Test
    void closingWritesWhatIsQueuedAndNoMoreBulkFrames() {
        context.runOnContext(v -> scheduler.ready(stream('a', 100)));
        await().atMost(WAIT).until(() -> transport.written.size() == 1);
        scheduler.offer(new byte[] {'m', 1});

        context.runOnContext(v -> scheduler.closeAfter(new byte[] {'x', 1}, CloseCause.NORMAL));

        await().atMost(WAIT).until(() -> transport.closed);
        drainOnce();
        assertEquals(List.of("a1", "m1", "x1"), transport.written);
        assertTrue(transport.written.stream().noneMatch("a2"::equals));
    }

    /** Keeps what is written as text; its queue is full after every write until drained. */
    private static final class SlowTransport implements Transport {
        final List<String> written = new CopyOnWriteArrayList<>();
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        volatile boolean closed;
        private boolean full;
        private Handler<Void> drain;

        @Override
        public Framing framing() {
            return Framing.STREAM;
        }

        @Override
        public void start(TransportReader reader) {
        }

        @Override
        public Future<Void> write(List<byte[]> frames) {
            frames.forEach(frame -> written.add((char) frame[0] + String.valueOf(frame[1])));
            batchSizes.add(frames.size());
            full = true;
            return Future.succeededFuture();
        }

        @Override
        public boolean writeQueueFull() {
            return full;
        }

        @Override
        public void drainHandler(Handler<Void> handler) {
            this.drain = handler;
        }

        void drain() {
            full = false;
            drain.handle(null);
        }

        @Override
        public Future<Void> close(CloseCause cause) {
            closed = true;
            return Future.succeededFuture();
        }

        @Override
        public SocketAddress remoteAddress() {
            return SocketAddress.inetSocketAddress(1, "127.0.0.1");
        }
    }
}
