package org.parley.protocol.e2ee;

import java.util.Optional;

/**
 * What the recipient of a file tells its sender, in an end-to-end encrypted direct message, when
 * they decline it: the sender stops sending, and its user is told.
 *
 * @param fileId the offer's file id
 * @param name   the offer's name, as the sender gave it
 */
public record FileDeclined(String fileId, String name) {

    private static final MarkedJson<FileDeclined> FORMAT = new MarkedJson<>("\0parley-file-declined-v1\n",
            FileDeclined.class);

    public byte[] toPlaintext() {
        return FORMAT.encode(this);
    }

    /**
     * The refusal a direct message's plaintext carries, or empty if it is not one.
     *
     * @throws IllegalArgumentException if it is marked as one but damaged
     */
    public static Optional<FileDeclined> fromPlaintext(byte[] plaintext) {
        Optional<FileDeclined> declined = FORMAT.decode(plaintext);
        if (declined.isPresent() && (declined.get().fileId() == null || declined.get().name() == null)) {
            throw new IllegalArgumentException("a declined file without its id or name");
        }
        return declined;
    }
}
