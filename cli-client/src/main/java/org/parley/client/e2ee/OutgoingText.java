package org.parley.client.e2ee;

import java.nio.charset.StandardCharsets;
import org.parley.client.output.ProgressLine;
import org.parley.protocol.frame.FrameLimits;

/**
 * What a message's text may be before it leaves: not empty, and small enough for the one frame a
 * node takes from a client. A message over the limit used to leave anyway and the node closed the
 * connection ("the node closed the connection", with no word of the size); now it is refused here,
 * naming the limit.
 */
public final class OutgoingText {

    /**
     * Room kept in a client frame for the header and the seal (keys, nonces, tag, signature, the
     * sealed plaintext's fields): far more than any of them takes.
     */
    private static final int SEAL_ROOM = 8 << 10;

    /** The largest text, in UTF-8 bytes, a message may carry: 1000 KiB. */
    public static final int MAX_BYTES = FrameLimits.CLIENT_TO_NODE.maxFrameBytes()
            - FrameLimits.CLIENT_TO_NODE.maxHeaderBytes() - SEAL_ROOM;

    private OutgoingText() {
    }

    /** @throws IllegalArgumentException saying why {@code text} cannot be sent */
    public static void check(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the message is empty; nothing was sent");
        }
        // A UTF-8 byte is at least one char: only a text near the limit needs encoding to know.
        if (text.length() * 3L > MAX_BYTES) {
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_BYTES) {
                throw new IllegalArgumentException("the message is " + ProgressLine.bytes(bytes)
                        + ", over the limit of " + ProgressLine.bytes(MAX_BYTES) + " a message may carry;"
                        + " nothing was sent (send a long text as a file: send-file, or /file in the shell)");
            }
        }
    }
}
