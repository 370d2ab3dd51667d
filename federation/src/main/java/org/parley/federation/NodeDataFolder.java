package org.parley.federation;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A node's data folder, made readable by its owner only: it holds the node's private key, its store
 * (accounts, mailboxes, unused invite codes) and the admin token, which no other local user may read.
 * A folder that exists already keeps the permissions its operator gave it.
 */
public final class NodeDataFolder {

    private NodeDataFolder() {
    }

    /** Creates {@code dir} and any missing parents, the folder itself {@code rwx------}; returns it. */
    public static Path create(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
        return dir;
    }
}
