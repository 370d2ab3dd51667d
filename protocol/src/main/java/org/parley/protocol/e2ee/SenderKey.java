package org.parley.protocol.e2ee;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.parley.protocol.crypto.AesGcm;

/**
 * One member's key for writing to one group during one membership epoch, as in Signal's and
 * Matrix's sender keys: the member makes it, sends it to every other member inside an end-to-end
 * encrypted direct message, and encrypts what it writes to the group with it. A new epoch (someone
 * joined, left or was removed) means a new key, sent to the members of that epoch only: who left
 * cannot read what follows, who joined cannot read what came before.
 *
 * <p>As the plaintext of a direct message it starts with {@link #MARKER}, which no text message
 * starts with (clients refuse text with a NUL), so clients tell it from something to show:
 * <pre>
 * marker | group (u16 length + UTF-8) | epoch 8 | key id 16 | key 32
 * </pre>
 *
 * @param group the group's full address, {@code #team@node-a}
 * @param epoch the membership epoch it was made for
 * @param keyId names the key in each message sealed with it
 * @param key   the AES-256-GCM key
 */
public record SenderKey(String group, long epoch, byte[] keyId, byte[] key) {

    public static final int KEY_ID_BYTES = 16;
    private static final byte[] MARKER = "\0parley-sender-key-v1\n".getBytes(StandardCharsets.US_ASCII);

    public SenderKey {
        if (keyId.length != KEY_ID_BYTES || key.length != AesGcm.KEY_BYTES) {
            throw new IllegalArgumentException("a sender key has a 16-byte id and a 32-byte key");
        }
    }

    /** A fresh key for {@code group} at {@code epoch}. */
    public static SenderKey generate(String group, long epoch, SecureRandom random) {
        HandedKey fresh = HandedKey.generate(group, epoch, KEY_ID_BYTES, random);
        return new SenderKey(group, epoch, fresh.keyId(), fresh.key());
    }

    /** The plaintext of the direct message that hands this key to a member. */
    public byte[] toPlaintext() {
        return new HandedKey(group, epoch, keyId, key).toPlaintext(MARKER);
    }

    /** The key a direct message's plaintext hands over, or empty if it is not one (an ordinary message). */
    public static Optional<SenderKey> fromPlaintext(byte[] plaintext) {
        return HandedKey.fromPlaintext(plaintext, MARKER, KEY_ID_BYTES, "sender key")
                .map(handed -> new SenderKey(handed.scope(), handed.epoch(), handed.keyId(), handed.key()));
    }

    /** The key id as text, for logs and stores. */
    public String keyIdHex() {
        return java.util.HexFormat.of().formatHex(keyId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SenderKey that && group.equals(that.group) && epoch == that.epoch
                && Arrays.equals(keyId, that.keyId) && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return group.hashCode() * 31 + Arrays.hashCode(keyId);
    }

    @Override
    public String toString() {
        return "SenderKey[" + group + ", epoch " + epoch + ", id " + keyIdHex() + "]";
    }
}
