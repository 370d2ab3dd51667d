package org.parley.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.parley.node.config.ConfigSource;
import org.parley.node.config.NodeConfigLoader;
import org.parley.protocol.frame.WireJson;

/**
 * A node's config file in a test folder, as an operator keeps one: plaintext on 127.0.0.1, every port
 * free, the store beside it. A test edits it and reloads, as the operator would.
 */
final class ConfigFile {

    private final Path file;
    private final ObjectNode settings;

    ConfigFile(Path folder, String name) {
        this.file = folder.resolve(name + ".json");
        this.settings = WireJson.mapper().createObjectNode();
        settings.put("name", name);
        settings.putObject("network").put("host", "127.0.0.1").put("port", 0).put("s2sPort", 0).put("voicePort", 0)
                .put("eventLoops", 2).put("plaintext", true);
        settings.putObject("web").put("port", 0);
        settings.putObject("storage").put("dataDir", folder.resolve(name + "-data").toString());
        settings.put("limits", "none");
    }

    /** The settings to edit before {@link #save}. */
    ObjectNode settings() {
        return settings;
    }

    Path save() throws IOException {
        Files.writeString(file, WireJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(settings));
        return file;
    }

    Path path() {
        return file;
    }

    Path dataDir() {
        return Path.of(settings.get("storage").get("dataDir").asText());
    }

    /** What a node started from this file reads again on a reload. */
    ConfigSource source() {
        return () -> NodeConfigLoader.fromFile(file).load();
    }
}
