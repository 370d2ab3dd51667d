package org.parley.protocol.e2ee;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Optional;
import org.parley.protocol.crypto.AesGcm;

/**
 * The fields a key handed to someone in a direct message carries, whatever it is for (a group's
 * sender key, a voice room's key): what it is for, the epoch it was made for, its id and the
 * AES-256 key, after the marker that says which kind it is.
 * <pre>
 * marker | scope (u16 length + UTF-8) | epoch u64 | key id | key 32
 * </pre>
 *
 * @param scope what the key is for: a group, a voice room
 * @param epoch the epoch of the group or room it was made for
 * @param keyId names the key in what is sealed with it
 * @param key   the AES-256-GCM key
 */
public record HandedKey(String scope, long epoch, byte[] keyId, byte[] key) {

    public HandedKey {
        if (key.length != AesGcm.KEY_BYTES) {
            throw new IllegalArgumentException("a handed key is 32 bytes");
        }
    }

    /** A fresh key with an id of {@code keyIdBytes} random bytes. */
    public static HandedKey generate(String scope, long epoch, int keyIdBytes, SecureRandom random) {
        byte[] id = new byte[keyIdBytes];
        byte[] key = new byte[AesGcm.KEY_BYTES];
        random.nextBytes(id);
        random.nextBytes(key);
        return new HandedKey(scope, epoch, id, key);
    }

    /** The plaintext of the direct message that hands this key over, starting with {@code marker}. */
    public byte[] toPlaintext(byte[] marker) {
        return WireFields.bytes(out -> {
            out.write(marker);
            WireFields.writeText(out, scope);
            out.writeLong(epoch);
            out.write(keyId);
            out.write(key);
        });
    }

    /**
     * The key a plaintext that starts with {@code marker} hands over; empty if it starts otherwise.
     *
     * @param what names the kind in the error, "sender key"
     * @throws IllegalArgumentException if it has the marker but not a whole key after it
     */
    public static Optional<HandedKey> fromPlaintext(byte[] plaintext, byte[] marker, int keyIdBytes, String what) {
        if (!WireFields.startsWith(plaintext, marker)) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(plaintext, marker.length, plaintext.length - marker.length);
        try {
            String scope = WireFields.readText(in);
            long epoch = in.getLong();
            byte[] id = WireFields.take(in, keyIdBytes);
            byte[] key = WireFields.take(in, AesGcm.KEY_BYTES);
            return Optional.of(new HandedKey(scope, epoch, id, key));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IllegalArgumentException("a damaged " + what);
        }
    }
}
