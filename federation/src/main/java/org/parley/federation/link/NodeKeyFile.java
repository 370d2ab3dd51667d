package org.parley.federation.link;

import org.parley.federation.NodeDataFolder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.crypto.Ed25519;
import org.parley.protocol.frame.WireJson;

/**
 * The node's Ed25519 key in {@code DATA/node-key.json} (mode 600): made on first start, read after.
 * Blocking file I/O: call it from a worker thread.
 */
public final class NodeKeyFile {

    public static final String FILE_NAME = "node-key.json";

    private NodeKeyFile() {
    }

    public static NodeIdentity loadOrCreate(Path dataDir, String nodeName) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            JsonNode tree = WireJson.mapper().readTree(file.toFile());
            String stored = tree.path("node").asText();
            if (!stored.equals(nodeName)) {
                throw new IOException(file + " holds the key of node '" + stored + "', not '" + nodeName
                        + "'; give each node its own data folder");
            }
            return new NodeIdentity(nodeName, Base64Key.decode(tree.path("privateKey").asText(null),
                    Ed25519.KEY_BYTES, "privateKey in " + file));
        }
        NodeDataFolder.create(dataDir);
        byte[] key = new Ed25519PrivateKeyParameters(new SecureRandom()).getEncoded();
        NodeIdentity identity = new NodeIdentity(nodeName, key);
        Path temp = dataDir.resolve(FILE_NAME + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(temp, WireJson.mapper().writeValueAsBytes(Map.of("node", nodeName,
                "privateKey", Base64Key.encode(key), "fingerprint", identity.fingerprint())),
                StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(temp, file);
        return identity;
    }
}
