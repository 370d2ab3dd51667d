package org.parley.bench;

import java.nio.charset.StandardCharsets;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.message.Send;

/**
 * A ready-encoded {@code send} frame whose 16-digit id is rewritten in place for each message,
 * so that every message has its own id without encoding JSON per message.
 */
final class MessageTemplate implements NextFrame {

    private static final String ID_PLACEHOLDER = "0000000000000000";

    private final byte[] frame;
    private final int idAt;
    private long next;

    MessageTemplate(String to, int bodyBytes) {
        this.frame = FrameEncoder.client().encode(new Send(ID_PLACEHOLDER, to), new byte[bodyBytes]);
        this.idAt = indexOf(frame, ID_PLACEHOLDER.getBytes(StandardCharsets.US_ASCII));
    }

    /** The next frame, with a fresh id. The returned array is reused: write it before calling again. */
    @Override
    public byte[] next() {
        long id = next++;
        for (int i = 15; i >= 0; i--) {
            frame[idAt + i] = (byte) Character.forDigit((int) (id & 0xf), 16);
            id >>>= 4;
        }
        return frame;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("id placeholder not found in the encoded frame");
    }
}
