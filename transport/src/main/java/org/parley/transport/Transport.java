package org.parley.transport;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import java.util.List;

/**
 * One connection's bytes in and out, whatever carries them: a TCP socket ({@link TcpTransport}) or
 * a WebSocket ({@link WebSocketTransport}). Whoever speaks a protocol over it (a client's session,
 * a node link) sees only this, so one pipeline serves every carrier. Every method is called on the
 * connection's own event loop, and every handler runs there; {@link OutboundQueue} brings frames
 * from other threads to it.
 */
public interface Transport {

    /** How what arrives is cut: a byte stream, or one whole message per read. */
    Framing framing();

    /** Starts handing {@code reader} what arrives. Called once. */
    void start(TransportReader reader);

    /**
     * Writes {@code frames} in order and flushes once: a burst costs one flush, not one per frame.
     * On a message transport each frame becomes one message. Completes once written.
     */
    Future<Void> write(List<byte[]> frames);

    /** Whether the carrier's own write queue is full: the writer waits for {@link #drainHandler}. */
    boolean writeQueueFull();

    /** Told when a full write queue has room again. */
    void drainHandler(Handler<Void> handler);

    /** Closes, telling the peer {@code cause} where the carrier can say it (a WebSocket's close code). */
    Future<Void> close(CloseCause cause);

    /** The peer's address: what limits per address count by. */
    SocketAddress remoteAddress();
}
