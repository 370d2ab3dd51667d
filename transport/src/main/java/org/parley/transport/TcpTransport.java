package org.parley.transport;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.util.List;

/**
 * A TCP (or TLS) socket as a {@link Transport}: a byte stream. A batch of frames is written as one
 * buffer, so it leaves in as few packets as it fits in.
 */
public final class TcpTransport implements Transport {

    private final NetSocket socket;

    public TcpTransport(NetSocket socket) {
        this.socket = socket;
    }

    @Override
    public Framing framing() {
        return Framing.STREAM;
    }

    @Override
    public void start(TransportReader reader) {
        socket.handler(reader::onData);
        socket.closeHandler(v -> reader.onClosed());
        socket.exceptionHandler(reader::onError);
    }

    @Override
    public Future<Void> write(List<byte[]> frames) {
        int size = 0;
        for (byte[] frame : frames) {
            size += frame.length;
        }
        Buffer batch = Buffer.buffer(size);
        for (byte[] frame : frames) {
            batch.appendBytes(frame);
        }
        return socket.write(batch);
    }

    @Override
    public boolean writeQueueFull() {
        return socket.writeQueueFull();
    }

    @Override
    public void drainHandler(Handler<Void> handler) {
        socket.drainHandler(handler);
    }

    /** TCP has no words for why; the protocol's error frame, written before, says it. */
    @Override
    public Future<Void> close(CloseCause cause) {
        return socket.close();
    }

    @Override
    public SocketAddress remoteAddress() {
        return socket.remoteAddress();
    }
}
