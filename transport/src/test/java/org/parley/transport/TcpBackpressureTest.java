package org.parley.transport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The queue over a real TCP socket pair on 127.0.0.1: a reader that stops reading is held back, then cut off. */
@ExtendWith(VertxExtension.class)
class TcpBackpressureTest {

    private static final long LIMIT = 1 << 20;
    private static final int FRAME = 64 * 1024;
    /** Far more than loopback socket buffers hold: the writer must meet the limit well before this. */
    private static final long GIVE_UP_BYTES = 1L << 30;

    @Test
    void aReaderThatStopsReadingFillsTheSocketThenTheQueueAndIsCutOffAtTheLimit(Vertx vertx) throws Exception {
        // GIVEN a server that writes frames to every client through a queue with a 1 MiB limit
        AtomicBoolean overflowed = new AtomicBoolean();
        AtomicLong mostQueued = new AtomicLong();
        NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0));
        server.connectHandler(socket -> {
            io.vertx.core.Context context = vertx.getOrCreateContext();
            OutboundQueue[] queue = new OutboundQueue[1];
            queue[0] = new OutboundQueue(context, new TcpTransport(socket), LIMIT, () -> {
                overflowed.set(true);
                context.runOnContext(v -> queue[0].abort(null, CloseCause.POLICY_VIOLATION));
            });
            long[] offered = {0};
            vertx.setPeriodic(1, timer -> {
                for (int i = 0; i < 8; i++) {
                    if (!queue[0].offer(new byte[FRAME]) || offered[0] > GIVE_UP_BYTES) {
                        vertx.cancelTimer(timer);
                        return;
                    }
                    offered[0] += FRAME;
                    mostQueued.accumulateAndGet(queue[0].queuedBytes(), Math::max);
                }
            });
        });
        int port = server.listen().await(10, TimeUnit.SECONDS).actualPort();

        // WHEN a client connects and never reads
        NetClient client = vertx.createNetClient();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        NetSocket socket = client.connect(port, "127.0.0.1").await(10, TimeUnit.SECONDS);
        socket.pause();
        socket.closeHandler(v -> closed.complete(null));

        // THEN frames wait in the queue once the socket is full, the limit cuts the client off,
        // and the queue never held more than its limit
        await().atMost(Duration.ofSeconds(30)).until(overflowed::get);
        socket.resume();
        closed.get(30, TimeUnit.SECONDS);
        assertTrue(mostQueued.get() > 0, "frames waited in the queue while the socket was full");
        assertTrue(mostQueued.get() <= LIMIT, "the queue held " + mostQueued.get() + " bytes");
        server.close();
    }
}
