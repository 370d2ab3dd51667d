package org.parley.federation.wire;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@link CompactOut} wrote, checking every length against what is left, so a truncated
 * or hostile header fails with an {@link IOException} that says what was wrong, never with a huge
 * allocation. Not thread-safe; one per header.
 */
final class CompactIn {

    private final ByteBuffer view;

    CompactIn(byte[] buffer, int offset, int length) {
        this.view = ByteBuffer.wrap(buffer, offset, length);
    }

    int getByte() throws IOException {
        try {
            return view.get() & 0xff;
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    int getInt() throws IOException {
        try {
            return view.getInt();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    long getLong() throws IOException {
        try {
            return view.getLong();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    String getString() throws IOException {
        int length = getInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > view.remaining()) {
            throw new IOException("a string of " + length + " bytes where " + view.remaining() + " are left");
        }
        String value = new String(view.array(), view.arrayOffset() + view.position(), length, StandardCharsets.UTF_8);
        view.position(view.position() + length);
        return value;
    }

    /** A list size: -1 (null) or at most what the rest could hold at {@code minItemBytes} each. */
    int getCount(int minItemBytes) throws IOException {
        int count = getInt();
        if (count < -1 || count > view.remaining() / minItemBytes) {
            throw new IOException("a list of " + count + " items where " + view.remaining() + " bytes are left");
        }
        return count;
    }

    List<String> getStrings() throws IOException {
        int count = getCount(Integer.BYTES);
        if (count == -1) {
            return null;
        }
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(getString());
        }
        return values;
    }

    /** Fails unless everything was read: trailing bytes mean the two sides disagree on the layout. */
    void end() throws IOException {
        if (view.hasRemaining()) {
            throw new IOException(view.remaining() + " unexpected trailing byte(s)");
        }
    }

    private static IOException truncated() {
        return new IOException("truncated");
    }
}
