package org.parley.client.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.parley.client.home.PrivateFiles;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.identity.Name;

/**
 * A user's long-term keys in {@code HOME/identities/NAME.json}, made on first use. The folder is
 * private to the owner (700) and each key file readable only by the owner (600).
 */
public final class IdentityStore {

    private final Path home;

    public IdentityStore(Path home) {
        this.home = home;
    }

    /** The user's keys, created and saved if this is the first time. */
    public IdentityKeys loadOrCreate(String user) throws IOException {
        Name.require(user, "user name");
        Path file = home.resolve("identities").resolve(user + ".json");
        if (Files.exists(file)) {
            return read(file);
        }
        IdentityKeys keys = IdentityKeys.generate(new SecureRandom());
        ObjectNode json = WireJson.mapper().createObjectNode()
                .put("user", user)
                .put("signingPrivateKey", Base64Key.encode(keys.signingPrivate()))
                .put("agreementPrivateKey", Base64Key.encode(keys.agreementPrivate()));
        Path temporary = PrivateFiles.writeTemporary(file,
                WireJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        try {
            // A concurrent first run for the same user must not leave two identities behind.
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException raced) {
            return read(file);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return keys;
    }

    private static IdentityKeys read(Path file) throws IOException {
        JsonNode json = WireJson.mapper().readTree(file.toFile());
        try {
            return new IdentityKeys(
                    Base64Key.decode(json.path("signingPrivateKey").asText(null), 32, "signingPrivateKey"),
                    Base64Key.decode(json.path("agreementPrivateKey").asText(null), 32, "agreementPrivateKey"));
        } catch (IllegalArgumentException e) {
            throw new IOException("identity file " + file + " is damaged: " + e.getMessage());
        }
    }
}
