package org.parley.protocol.voice;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.parley.protocol.crypto.AesGcm;
import org.parley.protocol.e2ee.HandedKey;

/**
 * One speaker's key for one voice room during one epoch of the room (docs/PROTOCOL.md, "Voice"):
 * the speaker makes it, hands it to every other participant of that epoch inside an end-to-end
 * encrypted direct message, and seals each of its audio frames with it ({@link VoiceSeal}). Every
 * join and leave starts a new epoch and so a new key, given to that epoch's participants only: who
 * left cannot open what follows. Keys live in memory for the call; they are never stored.
 *
 * <p>As the plaintext of a direct message it starts with a marker that no text message starts with
 * (clients refuse text with a NUL), as a group's sender key does:
 * <pre>
 * "\0parley-voice-key-v1\n" | room (u16 length + UTF-8) | epoch u64 | key id 8 | key 32
 * </pre>
 * {@code room} is the room as its maker names it: a group ({@code #team@node-a}), or in a call the
 * other party, that is the recipient of the key.
 *
 * @param room  the room as the key's maker names it
 * @param epoch the room's epoch it was made for
 * @param keyId names the key in every frame sealed with it
 * @param key   the AES-256-GCM key
 */
public record VoiceKey(String room, long epoch, byte[] keyId, byte[] key) {

    public static final int KEY_ID_BYTES = 8;
    private static final byte[] MARKER = "\0parley-voice-key-v1\n".getBytes(StandardCharsets.US_ASCII);

    public VoiceKey {
        if (keyId.length != KEY_ID_BYTES || key.length != AesGcm.KEY_BYTES) {
            throw new IllegalArgumentException("a voice key has an 8-byte id and a 32-byte key");
        }
        keyId = keyId.clone();
        key = key.clone();
    }

    /** A fresh key for {@code room} at {@code epoch}. */
    public static VoiceKey generate(String room, long epoch, SecureRandom random) {
        HandedKey fresh = HandedKey.generate(room, epoch, KEY_ID_BYTES, random);
        return new VoiceKey(room, epoch, fresh.keyId(), fresh.key());
    }

    /** The plaintext of the direct message that hands this key to a participant. */
    public byte[] toPlaintext() {
        return new HandedKey(room, epoch, keyId, key).toPlaintext(MARKER);
    }

    /**
     * The key a direct message's plaintext hands over, or empty if it is no voice key.
     *
     * @throws IllegalArgumentException if it has the marker but not a whole key after it
     */
    public static Optional<VoiceKey> fromPlaintext(byte[] plaintext) {
        return HandedKey.fromPlaintext(plaintext, MARKER, KEY_ID_BYTES, "voice key")
                .map(handed -> new VoiceKey(handed.scope(), handed.epoch(), handed.keyId(), handed.key()));
    }

    /** The key id as text, for logs and lookups. */
    public String keyIdHex() {
        return HexFormat.of().formatHex(keyId);
    }

    @Override
    public byte[] keyId() {
        return keyId.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VoiceKey that && room.equals(that.room) && epoch == that.epoch
                && Arrays.equals(keyId, that.keyId) && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return room.hashCode() * 31 + Arrays.hashCode(keyId);
    }

    @Override
    public String toString() {
        return "VoiceKey[" + room + ", epoch " + epoch + ", id " + keyIdHex() + "]";
    }
}
