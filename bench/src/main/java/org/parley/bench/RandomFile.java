package org.parley.bench;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.SplittableRandom;

/** A file of pseudo-random bytes, which no layer on the way can compress. */
final class RandomFile {

    private RandomFile() {
    }

    /** Writes {@code size} bytes (a whole number of MiB) to {@code file}; returns their SHA-256. */
    static byte[] write(Path file, long size) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom();
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                out.write(block);
                sha.update(block);
            }
        }
        return sha.digest();
    }
}
