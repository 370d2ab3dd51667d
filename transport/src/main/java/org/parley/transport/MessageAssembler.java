package org.parley.transport;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;

/**
 * Joins the WebSocket frames of one binary message and hands it on whole. A text message, or a
 * message that grows past the limit, is reported as {@link Unreadable} as soon as it shows, and the
 * rest of it is dropped as it arrives rather than gathered.
 */
final class MessageAssembler implements Handler<WebSocketFrame> {

    private final int maxMessageBytes;
    private final TransportReader reader;
    /** The message being joined; null between messages. */
    private Buffer message;
    /** Dropping the remaining frames of a refused message. */
    private boolean skipping;

    MessageAssembler(int maxMessageBytes, TransportReader reader) {
        this.maxMessageBytes = maxMessageBytes;
        this.reader = reader;
    }

    @Override
    public void handle(WebSocketFrame frame) {
        switch (frame.type()) {
            case BINARY -> {
                skipping = false;
                if (frame.isFinal() && frame.binaryData().length() <= maxMessageBytes) {
                    message = null;
                    reader.onData(frame.binaryData()); // the common case: one frame, no copy
                } else {
                    message = Buffer.buffer();
                    append(frame);
                }
            }
            case CONTINUATION -> {
                if (skipping) {
                    skipping = !frame.isFinal();
                } else if (message != null) {
                    append(frame);
                }
            }
            case TEXT -> refuse(Unreadable.TEXT_MESSAGE, frame);
            default -> {
                // ping, pong and close are answered by Vert.x itself
            }
        }
    }

    private void append(WebSocketFrame frame) {
        if (message.length() + frame.binaryData().length() > maxMessageBytes) {
            refuse(Unreadable.OVERSIZED_MESSAGE, frame);
            return;
        }
        message.appendBuffer(frame.binaryData());
        if (frame.isFinal()) {
            Buffer whole = message;
            message = null;
            reader.onData(whole);
        }
    }

    private void refuse(Unreadable input, WebSocketFrame frame) {
        message = null;
        skipping = !frame.isFinal();
        reader.onUnreadable(input);
    }
}
