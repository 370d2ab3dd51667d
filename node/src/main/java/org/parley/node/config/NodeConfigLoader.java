package org.parley.node.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.federation.FederationMode;
import org.parley.federation.PeerAddress;
import org.parley.federation.gossip.DirectoryQuotas;
import org.parley.protocol.crypto.Fingerprint;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.identity.Name;

/**
 * Reads a node's JSON config, lays command-line overrides over it, fills defaults and validates
 * every field. Each refusal is one line that names the field, so an operator can fix it at once.
 */
public final class NodeConfigLoader {

    private static final Set<String> FIELDS = Set.of("name", "host", "port", "s2sPort", "webPort", "peers", "dataDir",
            "requirePassword", "heartbeatSeconds", "loginTimeoutSeconds", "eventLoops", "maxQueuedBytes",
            "awaySeconds", "allowedPeers", "peerFingerprints", "federation", "linkHeartbeatSeconds", "redialMinMillis",
            "redialMaxMillis", "nodeExpirySeconds", "maxHops", "maxOutbox", "plaintext", "tlsCertFile", "tlsKeyFile",
            "mailboxMaxMessages", "mailboxMaxAgeSeconds", "mailboxMaxBytes", "maxOutboxBytes",
            "directoryMaxEntriesPerNode", "directoryEntriesPerSecond", "directoryEntriesBurst",
            "directoryMaxEntriesPerDelta", "limits");

    private final ObjectNode settings;

    private NodeConfigLoader(ObjectNode settings) {
        this.settings = settings;
    }

    /** Starts from defaults only. */
    public static NodeConfigLoader defaults() {
        return new NodeConfigLoader(JsonNodeFactory.instance.objectNode());
    }

    /** Starts from a JSON file. */
    public static NodeConfigLoader fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage());
        }
        JsonNode tree;
        try {
            tree = WireJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException("config file " + file + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new ConfigException("config file " + file + " must hold a JSON object");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw new ConfigException(field + ": unknown setting; known settings are " + String.join(", ",
                        FIELDS.stream().sorted().toList()));
            }
        }
        return new NodeConfigLoader(object.deepCopy());
    }

    /** Lays a command-line value over the file's; null means "not given". */
    public NodeConfigLoader override(String field, Object value) {
        if (value == null) {
            return this;
        }
        if (!FIELDS.contains(field)) {
            throw new IllegalArgumentException("no such setting " + field);
        }
        settings.set(field, WireJson.mapper().valueToTree(value));
        return this;
    }

    public NodeConfig load() {
        String name = text("name", "parley");
        try {
            Name.require(name, "node name");
        } catch (IllegalArgumentException e) {
            throw new ConfigException("name: " + e.getMessage());
        }
        String host = text("host", "127.0.0.1");
        if (host.isBlank()) {
            throw new ConfigException("host: must not be empty");
        }
        int port = integer("port", 8080, 0, 65535);
        int s2sPort = integer("s2sPort", 5050, 0, 65535);
        if (port != 0 && port == s2sPort) {
            throw new ConfigException("s2sPort: must differ from port (" + port + ")");
        }
        // 8443 goes with the default client port; a node given another client port (a second node on
        // the machine, a test's 0) takes any free web port unless it names one.
        int webPort = integer("webPort", settings.get("port") == null ? 8443 : 0, 0, 65535);
        if (webPort != 0 && (webPort == port || webPort == s2sPort)) {
            throw new ConfigException("webPort: must differ from port (" + port + ") and s2sPort (" + s2sPort + ")");
        }
        Path dataDir = Path.of(text("dataDir", "data/" + name));
        long redialMin = longInteger("redialMinMillis", 500, 10, 600_000);
        boolean plaintext = bool("plaintext", false);
        String certFile = text("tlsCertFile", null);
        String keyFile = text("tlsKeyFile", null);
        if ((certFile == null) != (keyFile == null)) {
            throw new ConfigException(certFile == null ? "tlsCertFile: must be given with tlsKeyFile"
                    : "tlsKeyFile: must be given with tlsCertFile");
        }
        if (plaintext && certFile != null) {
            throw new ConfigException("plaintext: cannot be true while tlsCertFile and tlsKeyFile are given");
        }
        return new NodeConfig(name, host, port, s2sPort, webPort, peers(), dataDir,
                bool("requirePassword", false),
                integer("heartbeatSeconds", 15, 1, 3600),
                integer("loginTimeoutSeconds", 10, 1, 3600),
                integer("eventLoops", Runtime.getRuntime().availableProcessors(), 1, 256),
                longInteger("maxQueuedBytes", 16L << 20, 64L << 10, 1L << 34),
                integer("awaySeconds", 300, 1, 7 * 86400),
                allowedPeers(),
                peerFingerprints(),
                federationMode(),
                integer("linkHeartbeatSeconds", 5, 1, 3600),
                redialMin,
                longInteger("redialMaxMillis", Math.max(redialMin, 30_000), redialMin, 3_600_000),
                integer("nodeExpirySeconds", 86400, 2, 365 * 86400),
                integer("maxHops", 16, 1, org.parley.federation.auth.OriginRules.MAX_HOPS),
                integer("maxOutbox", 100_000, 1, 100_000_000),
                longInteger("maxOutboxBytes", 64L << 20, 1L << 20, 1L << 40),
                plaintext,
                certFile == null ? null : Path.of(certFile),
                keyFile == null ? null : Path.of(keyFile),
                integer("mailboxMaxMessages", 200_000, 1, 100_000_000),
                longInteger("mailboxMaxAgeSeconds", 30L * 86400, 1, 10L * 365 * 86400),
                longInteger("mailboxMaxBytes", 2L << 30, 1L << 10, 1L << 50),
                LimitsLoader.load(settings.get("limits")),
                directoryQuotas());
    }

    /** Lays {@code --limit NAME=VALUE} flags over the file's {@code limits}. */
    public NodeConfigLoader overrideLimits(Map<String, String> limits) {
        JsonNode merged = LimitsLoader.withOverrides(settings.get("limits"), limits);
        if (merged != null) {
            settings.set("limits", merged);
        }
        return this;
    }

    private DirectoryQuotas directoryQuotas() {
        DirectoryQuotas defaults = DirectoryQuotas.DEFAULTS;
        int perDeltaMin = DirectoryQuotas.ENTRIES_PER_DELTA; // what a peer sends in one delta
        return new DirectoryQuotas(
                integer("directoryMaxEntriesPerNode", defaults.maxEntriesPerNode(), 1, 10_000_000),
                integer("directoryEntriesPerSecond", defaults.entriesPerSecond(), 1, 10_000_000),
                integer("directoryEntriesBurst", defaults.entriesBurst(), perDeltaMin, 100_000_000),
                integer("directoryMaxEntriesPerDelta", defaults.maxEntriesPerDelta(), perDeltaMin, 10_000));
    }

    private java.util.Set<String> allowedPeers() {
        JsonNode node = settings.get("allowedPeers");
        if (node == null || node.isNull()) {
            return Set.of();
        }
        if (!(node instanceof ArrayNode array)) {
            throw new ConfigException("allowedPeers: must be a list of node names");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (JsonNode item : array) {
            if (!item.isTextual() || !Name.isValid(item.asText())) {
                throw new ConfigException("allowedPeers: " + item + " is not a node name; " + Name.RULE);
            }
            names.add(item.asText());
        }
        return names;
    }

    private Map<String, String> peerFingerprints() {
        JsonNode node = settings.get("peerFingerprints");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ConfigException("peerFingerprints: must map node names to \"SHA256:...\" fingerprints");
        }
        Map<String, String> fingerprints = new java.util.HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!Name.isValid(entry.getKey())) {
                throw new ConfigException("peerFingerprints: '" + entry.getKey() + "' is not a node name");
            }
            if (!entry.getValue().isTextual() || !Fingerprint.isWellFormed(entry.getValue().asText())) {
                throw new ConfigException("peerFingerprints: the fingerprint of " + entry.getKey()
                        + " must look like SHA256: and 43 base64 characters, as parley-node prints it");
            }
            fingerprints.put(entry.getKey(), entry.getValue().asText());
        }
        return fingerprints;
    }

    private FederationMode federationMode() {
        String text = text("federation", FederationMode.CLOSED.spelling());
        return FederationMode.parse(text).orElseThrow(() -> new ConfigException("federation: must be \""
                + FederationMode.CLOSED.spelling() + "\" (link only with the nodes in peerFingerprints) or \""
                + FederationMode.OPEN.spelling() + "\" (trust any node's key on first contact), got \"" + text + "\""));
    }

    private List<PeerAddress> peers() {
        JsonNode node = settings.get("peers");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!(node instanceof ArrayNode array)) {
            throw new ConfigException("peers: must be a list of \"HOST:PORT\" strings");
        }
        List<PeerAddress> peers = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                throw new ConfigException("peers: every entry must be a \"HOST:PORT\" string, got " + item);
            }
            try {
                peers.add(PeerAddress.parse(item.asText()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("peers: " + e.getMessage());
            }
        }
        return peers;
    }

    private String text(String field, String fallback) {
        JsonNode node = settings.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw new ConfigException(field + ": must be a string, got " + node);
        }
        return node.asText();
    }

    private boolean bool(String field, boolean fallback) {
        JsonNode node = settings.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new ConfigException(field + ": must be true or false, got " + node);
        }
        return node.asBoolean();
    }

    private int integer(String field, int fallback, int min, int max) {
        return (int) longInteger(field, fallback, min, max);
    }

    private long longInteger(String field, long fallback, long min, long max) {
        JsonNode node = settings.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber()) {
            throw new ConfigException(field + ": must be a whole number, got " + node);
        }
        long value = node.asLong();
        if (value < min || value > max) {
            throw new ConfigException(field + ": must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** For tests and tools that build settings in code. */
    public static NodeConfigLoader of(Map<String, ?> values) {
        NodeConfigLoader loader = defaults();
        values.forEach(loader::override);
        return loader;
    }
}
