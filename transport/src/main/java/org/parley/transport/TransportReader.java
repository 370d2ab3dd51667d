package org.parley.transport;

import io.vertx.core.buffer.Buffer;

/** What a {@link Transport} hands its reader, on the connection's event loop. */
public interface TransportReader {

    /**
     * Bytes that arrived: any chunk of the stream for {@link Framing#STREAM}, one whole message for
     * {@link Framing#MESSAGES}.
     */
    void onData(Buffer data);

    /** Something arrived that cannot carry frames (a WebSocket text message, or one over the size limit). */
    void onUnreadable(Unreadable input);

    /** The connection is gone, whoever closed it. */
    void onClosed();

    /** The carrier failed (a reset, a TLS error); {@link #onClosed} follows. */
    void onError(Throwable error);
}
