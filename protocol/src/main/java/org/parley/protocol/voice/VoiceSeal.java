package org.parley.protocol.voice;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.parley.protocol.crypto.AesGcm;
import org.parley.protocol.e2ee.OpenFailure;

/**
 * Seals and opens one speaker's audio frame (an Opus packet) end to end, the {@code sealed} part of
 * a {@link VoicePacket}:
 * <pre>
 * sealed = key id 8 | AES-256-GCM ciphertext and 16-byte tag of the frame
 * nonce  = ssrc u32 | seq u64                       (12 bytes)
 * associated data = ssrc u32 | seq u64 | key id 8
 * </pre>
 * A key belongs to one speaker for one epoch of one room, the ssrc is never reused in a room, and the
 * sequence number only grows, so a nonce never repeats under a key. The associated data bind the
 * frame to its place: moved to another number or another speaker, or given another key id, it does
 * not open. Repeats are the receiver's {@link ReplayWindow}'s to refuse.
 */
public final class VoiceSeal {

    /** What sealing adds to a frame: the key id and the tag. */
    public static final int OVERHEAD = VoiceKey.KEY_ID_BYTES + AesGcm.TAG_BYTES;

    private VoiceSeal() {
    }

    /** Frame {@code seq} of speaker {@code ssrc}, sealed under {@code key}. */
    public static byte[] seal(VoiceKey key, int ssrc, long seq, byte[] frame) {
        byte[] keyId = key.keyId();
        byte[] ciphertext = AesGcm.encrypt(key.key(), nonce(ssrc, seq), associatedData(ssrc, seq, keyId), frame);
        return ByteBuffer.allocate(keyId.length + ciphertext.length).put(keyId).put(ciphertext).array();
    }

    /**
     * The id of the key a sealed frame names, to find the key.
     *
     * @throws OpenFailure if it is too short to be a sealed frame
     */
    public static byte[] keyId(byte[] sealed) throws OpenFailure {
        if (sealed.length < OVERHEAD) {
            throw new OpenFailure(OpenFailure.Kind.NOT_ENCRYPTED, "a voice frame of " + sealed.length
                    + " bytes is shorter than its key id and tag");
        }
        return Arrays.copyOf(sealed, VoiceKey.KEY_ID_BYTES);
    }

    /**
     * Opens frame {@code seq} of speaker {@code ssrc} with {@code key}.
     *
     * @throws OpenFailure if it was not sealed under this key as that frame of that speaker, or was
     *                     altered in any bit
     */
    public static byte[] open(VoiceKey key, int ssrc, long seq, byte[] sealed) throws OpenFailure {
        byte[] keyId = keyId(sealed);
        try {
            return AesGcm.decrypt(key.key(), nonce(ssrc, seq), associatedData(ssrc, seq, keyId),
                    Arrays.copyOfRange(sealed, VoiceKey.KEY_ID_BYTES, sealed.length));
        } catch (AesGcm.AuthenticationException e) {
            throw new OpenFailure(OpenFailure.Kind.UNDECRYPTABLE, "voice frame " + seq + " of ssrc "
                    + Integer.toUnsignedString(ssrc) + " does not open with key " + key.keyIdHex()
                    + ": altered, moved, or sealed under another key");
        }
    }

    private static byte[] nonce(int ssrc, long seq) {
        return ByteBuffer.allocate(AesGcm.NONCE_BYTES).putInt(ssrc).putLong(seq).array();
    }

    private static byte[] associatedData(int ssrc, long seq, byte[] keyId) {
        return ByteBuffer.allocate(4 + 8 + keyId.length).putInt(ssrc).putLong(seq).put(keyId).array();
    }
}
