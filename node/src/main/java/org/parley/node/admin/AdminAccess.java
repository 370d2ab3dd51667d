package org.parley.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.parley.protocol.frame.WireJson;

/**
 * How to reach a running node's admin channel: its URL and its token, in {@code DATA/admin.json},
 * which only the node's OS user may read (0600). Whoever can read the file can run the node's admin
 * commands, as whoever can read the node's key can impersonate it.
 *
 * @param url   the admin listener, on 127.0.0.1
 * @param token 256 random bits, base64url, that each request must present
 */
public record AdminAccess(String url, String token) {

    /** The file's name in the data folder. */
    public static final String FILE = "admin.json";
    private static final int TOKEN_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Fresh access to {@code url}, with a new random token. */
    public static AdminAccess fresh(String url) {
        byte[] token = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(token);
        return new AdminAccess(url, Base64.getUrlEncoder().withoutPadding().encodeToString(token));
    }

    /** Whether {@code presented} is this token, in time that does not depend on where they differ. */
    public boolean admits(String presented) {
        return presented != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the file into {@code dataDir}, owner-only from its first byte: a temporary file made with
     * those permissions, then moved over any file an earlier run left. Blocks: call it on a worker.
     */
    public void write(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        Path temporary = dataDir.resolve(FILE + ".new");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the folder's own permissions are all there is.
            Files.createFile(temporary);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot make " + temporary + ": another process is writing it", e);
        }
        Files.writeString(temporary, WireJson.mapper().writeValueAsString(Map.of("url", url, "token", token)));
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes the file from {@code dataDir} if it still holds this access (a newer run may have replaced it). */
    public void remove(Path dataDir) throws IOException {
        try {
            if (read(dataDir).equals(this)) {
                Files.deleteIfExists(dataDir.resolve(FILE));
            }
        } catch (NoSuchFileException e) {
            // gone already
        }
    }

    /**
     * Reads the file a running node wrote into {@code dataDir}.
     *
     * @throws NoSuchFileException if there is none: the node is not running, or runs with another data folder
     */
    public static AdminAccess read(Path dataDir) throws IOException {
        JsonNode tree = WireJson.mapper().readTree(Files.readString(dataDir.resolve(FILE)));
        JsonNode url = tree.get("url");
        JsonNode token = tree.get("token");
        if (url == null || !url.isTextual() || token == null || !token.isTextual()) {
            throw new IOException(dataDir.resolve(FILE) + " lacks its url or token");
        }
        return new AdminAccess(url.asText(), token.asText());
    }

    @Override
    public String toString() {
        // Never let the token reach a log line.
        return "AdminAccess[url=" + url + ", token=***]";
    }
}
