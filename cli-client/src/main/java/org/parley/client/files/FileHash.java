package org.parley.client.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 over files read from disk a block at a time, never whole: the hash an offer carries. */
public final class FileHash {

    private static final int BLOCK_BYTES = 1 << 20;

    private FileHash() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** Feeds all of {@code file} to {@code digest}; returns how many bytes it read. Not for an event loop. */
    public static long update(MessageDigest digest, Path file) throws IOException {
        long size = 0;
        byte[] buffer = new byte[BLOCK_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        return size;
    }

    /** The SHA-256 of {@code file}. Not for an event loop. */
    public static byte[] of(Path file) throws IOException {
        MessageDigest digest = sha256();
        update(digest, file);
        return digest.digest();
    }
}
