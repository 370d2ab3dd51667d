package org.parley.transport;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A transport with no socket behind it: it keeps every batch written, says its queue is full when
 * a test says so, and drains when the test calls {@link #drain()}.
 */
final class RecordingTransport implements Transport {

    final List<List<byte[]>> batches = new CopyOnWriteArrayList<>();
    volatile boolean full;
    volatile CloseCause closedWith;
    private Handler<Void> drainHandler;

    @Override
    public Framing framing() {
        return Framing.STREAM;
    }

    @Override
    public void start(TransportReader reader) {
    }

    @Override
    public Future<Void> write(List<byte[]> frames) {
        batches.add(List.copyOf(frames));
        return Future.succeededFuture();
    }

    @Override
    public boolean writeQueueFull() {
        return full;
    }

    @Override
    public void drainHandler(Handler<Void> handler) {
        this.drainHandler = handler;
    }

    /** The reader caught up. Call on the queue's context. */
    void drain() {
        full = false;
        drainHandler.handle(null);
    }

    @Override
    public Future<Void> close(CloseCause cause) {
        closedWith = cause;
        return Future.succeededFuture();
    }

    @Override
    public SocketAddress remoteAddress() {
        return SocketAddress.inetSocketAddress(1, "127.0.0.1");
    }

    /** Every frame written so far, in order. */
    List<byte[]> frames() {
        return batches.stream().flatMap(List::stream).toList();
    }
}
