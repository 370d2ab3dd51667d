package org.parley.bench;

import io.vertx.core.buffer.Buffer;

/**
 * Splits a stream into frames by their length prefix alone and counts those that carry a
 * message (a node's {@code message} or a relayed {@code send}), ignoring acceptances and
 * notices. No JSON is parsed, so the generator spends its share of the CPU on sending.
 */
final class FrameCounter {

    private static final byte[] MESSAGE = "{\"type\":\"message\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] SEND = "{\"type\":\"send\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] buffer = new byte[65536];
    private int start;
    private int end;

    /** Feeds bytes; returns how many message frames completed. */
    int feed(Buffer data) {
        int length = data.length();
        if (buffer.length - end < length) {
            int live = end - start;
            byte[] target = live + length <= buffer.length ? buffer : new byte[Math.max(buffer.length * 2, live + length)];
            System.arraycopy(buffer, start, target, 0, live);
            buffer = target;
            start = 0;
            end = live;
        }
        data.getBytes(0, length, buffer, end);
        end += length;
        int messages = 0;
        while (end - start >= 8) {
            int frameLength = readInt(start);
            if (end - start < 4 + frameLength) {
                break;
            }
            if (startsWith(start + 8, MESSAGE) || startsWith(start + 8, SEND)) {
                messages++;
            }
            start += 4 + frameLength;
        }
        if (start == end) {
            start = 0;
            end = 0;
        }
        return messages;
    }

    private boolean startsWith(int at, byte[] prefix) {
        if (end - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buffer[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private int readInt(int at) {
        return ((buffer[at] & 0xff) << 24) | ((buffer[at + 1] & 0xff) << 16) | ((buffer[at + 2] & 0xff) << 8)
                | (buffer[at + 3] & 0xff);
    }
}
