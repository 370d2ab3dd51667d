package org.parley.protocol.e2ee;

import java.util.Optional;

/**
 * What a sender tells the recipient of a file before its chunks, inside an end-to-end encrypted
 * direct message: the name it had, its size and SHA-256 (checked before the file takes its final
 * name), and the key that opens its chunks. As the message's plaintext it is marked JSON
 * ({@link MarkedJson}, marker {@code "\0parley-file-offer-v1\n"}).
 *
 * @param fileId      names the transfer
 * @param name        the file's name on the sender's side, as given; the recipient makes it safe
 * @param size        bytes
 * @param sha256      hex SHA-256 of the whole file
 * @param chunkBytes  plaintext bytes per chunk (the last may hold fewer)
 * @param key         base64 of the AES-256 key
 * @param noncePrefix base64 of the 4-byte nonce prefix
 */
public record FileOffer(String fileId, String name, long size, String sha256, int chunkBytes, String key,
                        String noncePrefix) {

    private static final MarkedJson<FileOffer> FORMAT = new MarkedJson<>("\0parley-file-offer-v1\n", FileOffer.class);

    /** How many chunks the file travels in (an empty file is one empty chunk). */
    public long chunks() {
        return Math.max(1, (size + chunkBytes - 1) / chunkBytes);
    }

    /** The key that opens its chunks. */
    public FileKey fileKey() {
        return new FileKey(fileId, java.util.Base64.getDecoder().decode(key),
                java.util.Base64.getDecoder().decode(noncePrefix));
    }

    public static FileOffer of(FileKey key, String name, long size, String sha256, int chunkBytes) {
        return new FileOffer(key.fileId(), name, size, sha256, chunkBytes,
                java.util.Base64.getEncoder().encodeToString(key.key()),
                java.util.Base64.getEncoder().encodeToString(key.noncePrefix()));
    }

    public byte[] toPlaintext() {
        return FORMAT.encode(this);
    }

    /**
     * The offer a direct message's plaintext carries, or empty if it is not one.
     *
     * @throws IllegalArgumentException if it is marked as an offer but damaged or out of bounds
     */
    public static Optional<FileOffer> fromPlaintext(byte[] plaintext) {
        Optional<FileOffer> decoded = FORMAT.decode(plaintext);
        if (decoded.isEmpty()) {
            return decoded;
        }
        FileOffer offer = decoded.get();
        if (offer == null || offer.fileId() == null || offer.name() == null || offer.sha256() == null
                || offer.size() < 0 || offer.chunkBytes() <= 0 || offer.key() == null || offer.noncePrefix() == null) {
            throw new IllegalArgumentException("a file offer without its id, name, size, hash, chunk size or key");
        }
        offer.fileKey(); // the key must decode to the right lengths
        return Optional.of(offer);
    }
}
