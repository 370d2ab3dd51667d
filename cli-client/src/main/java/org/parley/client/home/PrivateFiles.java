package org.parley.client.home;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files in {@code --home} hold keys, trust decisions and history, so they are created readable
 * only by their owner (600, folders 700) and replaced atomically, never half-written.
 */
public final class PrivateFiles {

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private PrivateFiles() {
    }

    /** Creates {@code dir} (and missing parents) private to the owner, if it is not there yet. */
    public static void createDirectory(Path dir) throws IOException {
        // Each folder made here is private, the home itself too, not only the last one of the path.
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectory(parent);
        }
        try {
            Files.createDirectory(absolute);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            return; // another process made it: its maker chose its mode
        }
        Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rwx------"));
    }

    /** A new owner-only temporary file beside {@code target}, holding {@code bytes}. */
    public static Path writeTemporary(Path target, byte[] bytes) throws IOException {
        createDirectory(target.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(),
                ".tmp", OWNER_ONLY);
        Files.write(temporary, bytes, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
        return temporary;
    }

    /** Replaces {@code target} with {@code bytes} in one step, owner-only. */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temporary = writeTemporary(target, bytes);
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Opens {@code file} for appending, creating it owner-only if needed. */
    public static java.io.OutputStream append(Path file) throws IOException {
        createDirectory(file.toAbsolutePath().getParent());
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, OWNER_ONLY);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // Another process made it first; appending is still right.
            }
        }
        return Files.newOutputStream(file, StandardOpenOption.APPEND);
    }
}
