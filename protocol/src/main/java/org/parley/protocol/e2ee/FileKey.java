package org.parley.protocol.e2ee;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.parley.protocol.crypto.AesGcm;

/**
 * The key of one file in transit: every file gets a random AES-256 key, and its chunks are sealed
 * one by one with AES-256-GCM. A chunk's nonce is the file's random 4-byte prefix then the chunk's
 * number, and its associated data name the file, the number and whether it is the last, so a chunk
 * that is altered, moved, repeated in another place or dropped from the end does not open. The key
 * itself travels to the recipient inside an end-to-end encrypted message.
 *
 * @param fileId      names the transfer (in every chunk's associated data)
 * @param key         the AES-256 key
 * @param noncePrefix 4 random bytes that start every chunk's nonce
 */
public record FileKey(String fileId, byte[] key, byte[] noncePrefix) {

    public static final int NONCE_PREFIX_BYTES = 4;
    private static final byte[] DOMAIN = "parley-file-chunk-v1".getBytes(StandardCharsets.US_ASCII);

    public FileKey {
        if (key.length != AesGcm.KEY_BYTES || noncePrefix.length != NONCE_PREFIX_BYTES) {
            throw new IllegalArgumentException("a file key is 32 bytes with a 4-byte nonce prefix");
        }
        key = key.clone();
        noncePrefix = noncePrefix.clone();
    }

    /** A fresh key for the transfer {@code fileId}. */
    public static FileKey generate(String fileId, SecureRandom random) {
        byte[] key = new byte[AesGcm.KEY_BYTES];
        byte[] prefix = new byte[NONCE_PREFIX_BYTES];
        random.nextBytes(key);
        random.nextBytes(prefix);
        return new FileKey(fileId, key, prefix);
    }

    /** Chunk {@code index} (from 0), {@code last} if nothing follows it. */
    public byte[] seal(long index, boolean last, byte[] plaintext) {
        return AesGcm.encrypt(key, nonce(index), associatedData(index, last), plaintext);
    }

    /**
     * Opens chunk {@code index}, which the sender marked {@code last} or not.
     *
     * @throws OpenFailure if it is not that chunk of this file, as sealed
     */
    public byte[] open(long index, boolean last, byte[] sealed) throws OpenFailure {
        try {
            return AesGcm.decrypt(key, nonce(index), associatedData(index, last), sealed);
        } catch (AesGcm.AuthenticationException e) {
            throw new OpenFailure(OpenFailure.Kind.UNDECRYPTABLE, "chunk " + index + " of file " + fileId
                    + " does not open: it was altered, reordered or cut short on the way");
        }
    }

    private byte[] nonce(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("chunk numbers start at 0");
        }
        return ByteBuffer.allocate(AesGcm.NONCE_BYTES).put(noncePrefix).putLong(index).array();
    }

    private byte[] associatedData(long index, boolean last) {
        byte[] id = fileId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(DOMAIN.length + 2 + id.length + 8 + 1).put(DOMAIN).putShort((short) id.length)
                .put(id).putLong(index).put((byte) (last ? 1 : 0)).array();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileKey that && fileId.equals(that.fileId) && Arrays.equals(key, that.key)
                && Arrays.equals(noncePrefix, that.noncePrefix);
    }

    @Override
    public int hashCode() {
        return fileId.hashCode();
    }

    @Override
    public String toString() {
        return "FileKey[" + fileId + "]";
    }
}
