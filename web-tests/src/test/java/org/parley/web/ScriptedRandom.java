package org.parley.web;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A "random" source that hands out the given byte strings in order, each to one call of exactly its
 * length: it makes a seal reproducible, so the JavaScript can be asked for the very same bytes.
 */
final class ScriptedRandom extends SecureRandom {

    private static final long serialVersionUID = 1L;
    private final transient Deque<byte[]> next = new ArrayDeque<>();

    ScriptedRandom(byte[]... values) {
        for (byte[] value : values) {
            next.add(value);
        }
    }

    @Override
    public void nextBytes(byte[] bytes) {
        byte[] value = next.poll();
        if (value == null || value.length != bytes.length) {
            throw new IllegalStateException("asked for " + bytes.length + " bytes, scripted "
                    + (value == null ? "none" : value.length));
        }
        System.arraycopy(value, 0, bytes, 0, bytes.length);
    }
}
