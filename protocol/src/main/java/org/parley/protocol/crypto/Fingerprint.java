package org.parley.protocol.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * How a public key is shown to people and written in config: {@code SHA256:} and the unpadded
 * base64 of the key's SHA-256, as OpenSSH prints host keys.
 */
public final class Fingerprint {

    private static final String PREFIX = "SHA256:";

    private Fingerprint() {
    }

    public static String of(byte[] publicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey);
            return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether {@code text} has the shape of a fingerprint (it says nothing of which key). */
    public static boolean isWellFormed(String text) {
        if (text == null || !text.startsWith(PREFIX) || text.length() != PREFIX.length() + 43) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(text.substring(PREFIX.length()) + "=").length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
