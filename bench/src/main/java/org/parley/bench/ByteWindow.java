package org.parley.bench;

import io.vertx.core.buffer.Buffer;

/**
 * Bytes received but not yet consumed, in one growable array: append what arrives, read
 * big-endian ints, consume from the front. Shared by the relay and the generator's counter.
 */
final class ByteWindow {

    private byte[] buffer = new byte[65536];
    private int start;
    private int end;

    void append(Buffer data) {
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
    }

    int available() {
        return end - start;
    }

    /** The big-endian int {@code offset} bytes past the front. */
    int readInt(int offset) {
        int at = start + offset;
        return ((buffer[at] & 0xff) << 24) | ((buffer[at + 1] & 0xff) << 16) | ((buffer[at + 2] & 0xff) << 8)
                | (buffer[at + 3] & 0xff);
    }

    byte byteAt(int offset) {
        return buffer[start + offset];
    }

    boolean startsWith(int offset, byte[] prefix) {
        if (available() - offset < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buffer[start + offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The ASCII text from {@code offset} up to the next double quote (a JSON string without escapes). */
    String asciiUntilQuote(int offset) {
        int from = start + offset;
        int to = from;
        while (to < end && buffer[to] != '"') {
            to++;
        }
        return new String(buffer, from, to - from, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** A copy of {@code length} bytes starting {@code offset} bytes past the front. */
    byte[] copy(int offset, int length) {
        return java.util.Arrays.copyOfRange(buffer, start + offset, start + offset + length);
    }

    /** Removes and returns the first {@code length} bytes. */
    byte[] take(int length) {
        byte[] taken = java.util.Arrays.copyOfRange(buffer, start, start + length);
        skip(length);
        return taken;
    }

    void skip(int length) {
        start += length;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }
}
