package org.parley.protocol.crypto;

import java.util.Base64;

/**
 * Base64 (standard alphabet, padded) for keys, signatures and challenges on the wire.
 */
public final class Base64Key {

    private Base64Key() {
    }

    public static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * @param expectedLength the exact number of bytes the value must decode to
     * @throws IllegalArgumentException if it is not base64 or has the wrong length
     */
    public static byte[] decode(String text, int expectedLength, String what) {
        if (text == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64");
        }
        if (bytes.length != expectedLength) {
            throw new IllegalArgumentException(what + " must be " + expectedLength + " bytes, got " + bytes.length);
        }
        return bytes;
    }
}
