package org.parley.bench;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Splits a stream into frames by their length prefix alone and counts those that carry a
 * message (a node's {@code message} or a relayed {@code send}), ignoring acceptances and
 * notices. No JSON is parsed, so the generator spends its share of the CPU on sending.
 */
final class FrameCounter {

    private static final byte[] MESSAGE = "{\"type\":\"message\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEND = "{\"type\":\"send\"".getBytes(StandardCharsets.US_ASCII);

    private final ByteWindow window = new ByteWindow();

    /** Feeds bytes; returns how many message frames completed. */
    int feed(Buffer data) {
        window.append(data);
        int messages = 0;
        while (window.available() >= 8) {
            int frameLength = window.readInt(0);
            if (window.available() < 4 + frameLength) {
                break;
            }
            if (window.startsWith(8, MESSAGE) || window.startsWith(8, SEND)) {
                messages++;
            }
            window.skip(4 + frameLength);
        }
        return messages;
    }
}
