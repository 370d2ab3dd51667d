package org.parley.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What a receiving client has written so far: the hidden part files of files still arriving. */
final class PartFiles {

    private PartFiles() {
    }

    /** Bytes in the part files in {@code inbox} (0 if there is no such folder yet). */
    static long bytesIn(Path inbox) throws Exception {
        if (!Files.isDirectory(inbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).mapToLong(f -> f.toFile().length())
                    .sum();
        }
    }
}
