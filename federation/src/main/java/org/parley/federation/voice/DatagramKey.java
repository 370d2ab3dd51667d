package org.parley.federation.voice;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One direction's key of a voice path between two linked nodes: HMAC-SHA256, cut to 128 bits, over
 * a datagram's bytes before its tag. Only the relay's thread tags and checks in a running node; the
 * lock costs nothing uncontended and keeps the JDK {@link Mac}, which is not thread-safe, safe anyway.
 */
final class DatagramKey {

    static final int KEY_BYTES = 32;
    static final int TAG_BYTES = 16;

    private final Mac mac;

    DatagramKey(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a voice key is " + KEY_BYTES + " bytes, not " + key.length);
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no HMAC-SHA256", e);
        }
    }

    /** Writes the tag of {@code datagram}'s first {@code covered} bytes right after them. */
    synchronized void tag(byte[] datagram, int covered) {
        mac.update(datagram, 0, covered);
        byte[] full = mac.doFinal();
        System.arraycopy(full, 0, datagram, covered, TAG_BYTES);
    }

    /** Whether the tag after {@code datagram}'s first {@code covered} bytes is theirs under this key. */
    synchronized boolean verifies(byte[] datagram, int covered) {
        mac.update(datagram, 0, covered);
        byte[] full = mac.doFinal();
        int difference = 0; // every byte compared, whatever the first mismatch: no timing to learn from
        for (int i = 0; i < TAG_BYTES; i++) {
            difference |= full[i] ^ datagram[covered + i];
        }
        return difference == 0;
    }
}
