package org.parley.federation.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;

/**
 * Writes the fields of a compact (binary) header or body, big-endian: a string is its UTF-8 length
 * as an int ({@code -1} for null) and its bytes; a list is its size ({@code -1} for null) and its
 * items. {@link CompactIn} reads them back. Not thread-safe; one per header.
 */
final class CompactOut {

    private byte[] bytes;
    private ByteBuffer view;

    CompactOut(int expectedBytes) {
        bytes = new byte[Math.max(16, expectedBytes)];
        view = ByteBuffer.wrap(bytes);
    }

    CompactOut putByte(int value) {
        room(1).put((byte) value);
        return this;
    }

    CompactOut putInt(int value) {
        room(Integer.BYTES).putInt(value);
        return this;
    }

    CompactOut putLong(long value) {
        room(Long.BYTES).putLong(value);
        return this;
    }

    CompactOut putString(String value) {
        if (value == null) {
            return putInt(-1);
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        room(Integer.BYTES + utf8.length).putInt(utf8.length).put(utf8);
        return this;
    }

    CompactOut putStrings(Collection<String> values) {
        if (values == null) {
            return putInt(-1);
        }
        putInt(values.size());
        values.forEach(this::putString);
        return this;
    }

    byte[] toBytes() {
        return Arrays.copyOf(bytes, view.position());
    }

    /** The buffer as it is now; valid up to {@link #length()}, until the next write. */
    byte[] array() {
        return bytes;
    }

    int length() {
        return view.position();
    }

    private ByteBuffer room(int needed) {
        if (view.remaining() < needed) {
            int at = view.position();
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, at + needed));
            view = ByteBuffer.wrap(bytes).position(at);
        }
        return view;
    }
}
