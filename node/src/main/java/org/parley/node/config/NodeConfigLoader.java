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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.federation.FederationMode;
import org.parley.federation.bulk.BulkLimits;
import org.parley.federation.PeerAddress;
import org.parley.federation.gossip.DirectoryQuotas;
import org.parley.node.registration.RegistrationMode;
import org.parley.protocol.crypto.Fingerprint;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.identity.Name;

/**
 * Reads a node's JSON config, lays command-line overrides over it, fills defaults and validates
 * every field. Each refusal is one line that names the field, so an operator can fix it at once.
 *
 * <p>The file has a section per concern ({@code network}, {@code web}, {@code sessions},
 * {@code storage}, {@code federation}, {@code media}, {@code metrics}, {@code discovery}, {@code admin}, {@code limits}) besides the node's {@code name}. A setting may
 * also stand at the top level under its own name, as files written before the sections had them
 * ({@code "port": 8080} for {@code "network": {"port": 8080}}; {@code "federation": "open"} for its
 * {@code mode}; {@code "webPort"} for {@code "web": {"port"}}), so those files keep working.
 * {@code voicePort} is written flat too, as {@code "network": {"voicePort"}} or {@code "voicePort"}.
 */
public final class NodeConfigLoader {

    private static final Map<String, List<String>> SECTIONS = sections();

    private static Map<String, List<String>> sections() {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        sections.put("network", List.of("host", "port", "s2sPort", "voicePort", "eventLoops", "plaintext",
                "tlsCertFile", "tlsKeyFile"));
        sections.put("web", List.of("port"));
        sections.put("sessions", List.of("requirePassword", "heartbeatSeconds", "loginTimeoutSeconds",
                "awaySeconds", "maxQueuedBytes", "registration"));
        sections.put("storage", List.of("dataDir", "mailboxMaxMessages", "mailboxMaxAgeSeconds", "mailboxMaxBytes"));
        sections.put("federation", List.of("mode", "peers", "allowedPeers", "peerFingerprints",
                "linkHeartbeatSeconds", "redialMinMillis", "redialMaxMillis", "nodeExpirySeconds", "maxHops",
                "maxOutbox", "maxOutboxBytes", "directoryMaxEntriesPerNode", "directoryEntriesPerSecond",
                "directoryEntriesBurst", "directoryMaxEntriesPerDelta", "bulkWindowBytes", "bulkStreamsPerLink"));
        sections.put("media", List.of("mediaDir", "maxStreamsPerUser", "maxStreams", "segmentSeconds"));
        sections.put("metrics", List.of("enabled", "loopbackOnly"));
        sections.put("discovery", List.of("enabled", "linkDiscovered"));
        sections.put("admin", List.of("port"));
        return Collections.unmodifiableMap(sections);
    }

    /**
     * Every setting this loader reads, by section, {@code limits} among them; the node's {@code name}
     * stands alone at the top. What {@code config/example-node.json} and its reference must cover.
     */
    public static Map<String, List<String>> knownSettings() {
        Map<String, List<String>> known = new LinkedHashMap<>(SECTIONS);
        known.put("limits", LimitsLoader.FIELDS);
        return Collections.unmodifiableMap(known);
    }

    /** The flat name of federation.mode, which older files give as a string at the top level. */
    private static final String FLAT_MODE = "federation";
    /** The flat name of web.port (a flat {@code port} is the client port, network.port). */
    private static final String FLAT_WEB_PORT = "webPort";

    /**
     * Sections whose fields have no name at the top level: a flat {@code port} is the client port, and
     * metrics, discovery and admin came after the sections did (admin's {@code port} would be ambiguous).
     */
    private static final Set<String> WITHOUT_FLAT_NAMES = Set.of("web", "metrics", "discovery", "admin");

    /** Top-level names: the node's name, its limits, and the sections. */
    private static final List<String> TOP_LEVEL = List.of("name", "limits", "network", "web", "sessions", "storage",
            "federation", "media", "metrics", "discovery", "admin");

    private final ObjectNode settings = JsonNodeFactory.instance.objectNode();
    /** Per section, fields given under their flat name, and that name. */
    private final Map<String, Map<String, String>> writtenAs = new HashMap<>();

    private NodeConfigLoader() {
        SECTIONS.keySet().forEach(section -> settings.putObject(section));
    }

    /** Starts from defaults only. */
    public static NodeConfigLoader defaults() {
        return new NodeConfigLoader();
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
        NodeConfigLoader loader = new NodeConfigLoader();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            loader.set(field.getKey(), field.getValue(), true);
        }
        return loader;
    }

    /**
     * Lays a command-line value over the file's; null means "not given". {@code field} is a flat
     * name ({@code port}) or a section's field ({@code network.port}).
     */
    public NodeConfigLoader override(String field, Object value) {
        if (value != null) {
            set(field, WireJson.mapper().valueToTree(value), false);
        }
        return this;
    }

    /** @param once refuse a setting given twice (a file); flags may replace what a file gave */
    private void set(String field, JsonNode value, boolean once) {
        int dot = field.indexOf('.');
        if (dot > 0 && SECTIONS.containsKey(field.substring(0, dot))) {
            sectionOf(field.substring(0, dot)).set(field.substring(dot + 1), value);
        } else if (field.equals(FLAT_MODE) && !value.isObject()) {
            setFlat("federation", "mode", field, value, once);
        } else if (field.equals(FLAT_WEB_PORT)) {
            setFlat("web", "port", field, value, once);
        } else if (SECTIONS.containsKey(field)) {
            if (!(value instanceof ObjectNode object)) {
                throw new ConfigException(field + ": must be an object of settings (" + String.join(", ",
                        SECTIONS.get(field)) + ")");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> inner = fields.next();
                if (once && writtenAs.getOrDefault(field, Map.of()).containsKey(inner.getKey())) {
                    throw new ConfigException(field + "." + inner.getKey() + ": given twice, also as "
                            + writtenAs.get(field).get(inner.getKey()));
                }
                sectionOf(field).set(inner.getKey(), inner.getValue());
            }
        } else if (field.equals("name") || field.equals("limits")) {
            settings.set(field, value);
        } else {
            String section = SECTIONS.entrySet().stream()
                    .filter(e -> !WITHOUT_FLAT_NAMES.contains(e.getKey()) && e.getValue().contains(field))
                    .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new ConfigException(field
                            + ": unknown setting; known settings are " + String.join(", ", TOP_LEVEL)
                            + " (the sections are in the README) and, at the top level as older files have them, "
                            + String.join(", ", flatNames())));
            setFlat(section, field, field, value, once);
        }
    }

    /** The names a setting may have at the top level, as files written before the sections have them. */
    private static List<String> flatNames() {
        List<String> names = new ArrayList<>(List.of(FLAT_MODE, FLAT_WEB_PORT));
        SECTIONS.forEach((section, fields) -> {
            if (!WITHOUT_FLAT_NAMES.contains(section)) {
                fields.stream().filter(field -> !field.equals("mode")).forEach(names::add);
            }
        });
        names.sort(null);
        return names;
    }

    private void setFlat(String section, String field, String flatName, JsonNode value, boolean once) {
        if (once && sectionOf(section).has(field) && !writtenAs.getOrDefault(section, Map.of()).containsKey(field)) {
            throw new ConfigException(flatName + ": given twice, also as " + section + "." + field);
        }
        sectionOf(section).set(field, value);
        writtenAs.computeIfAbsent(section, s -> new HashMap<>()).put(field, flatName);
    }

    private ObjectNode sectionOf(String section) {
        return (ObjectNode) settings.get(section);
    }

    private ConfigSection section(String section) {
        ConfigSection read = new ConfigSection(section, sectionOf(section), writtenAs.getOrDefault(section, Map.of()));
        read.allowOnly(SECTIONS.get(section));
        return read;
    }

    public NodeConfig load() {
        JsonNode nameNode = settings.get("name");
        if (nameNode != null && !nameNode.isNull() && !nameNode.isTextual()) {
            throw new ConfigException("name: must be a string, got " + nameNode);
        }
        String name = nameNode == null || nameNode.isNull() ? "parley" : nameNode.asText();
        try {
            Name.require(name, "node name");
        } catch (IllegalArgumentException e) {
            throw new ConfigException("name: " + e.getMessage());
        }
        NetworkConfig network = network();
        return new NodeConfig(name, network, web(network), sessions(), storage(name), federation(),
                LimitsLoader.load(settings.get("limits")), media(), metrics(), discovery(), admin());
    }

    private MetricsConfig metrics() {
        ConfigSection metrics = section("metrics");
        return new MetricsConfig(metrics.bool("enabled", MetricsConfig.DEFAULTS.enabled()),
                metrics.bool("loopbackOnly", MetricsConfig.DEFAULTS.loopbackOnly()));
    }

    private NetworkConfig network() {
        ConfigSection network = section("network");
        String host = network.text("host", "127.0.0.1");
        if (host.isBlank()) {
            throw new ConfigException(network.label("host") + ": must not be empty");
        }
        int port = network.integer("port", 8080, 0, 65535);
        int s2sPort = network.integer("s2sPort", 5050, 0, 65535);
        if (port != 0 && port == s2sPort) {
            throw new ConfigException(network.label("s2sPort") + ": must differ from port (" + port + ")");
        }
        // 7070 beside the default client port, as the web port's 8443; a node that names its client port
        // (a second node on the machine, a test's 0) takes any free voice port unless it names one.
        int voicePort = network.integer("voicePort", network.node("port") != null ? 0 : 7070, 0, 65535);
        boolean plaintext = network.bool("plaintext", false);
        String certFile = network.text("tlsCertFile", null);
        String keyFile = network.text("tlsKeyFile", null);
        if ((certFile == null) != (keyFile == null)) {
            throw new ConfigException(certFile == null ? network.label("tlsCertFile") + ": must be given with tlsKeyFile"
                    : network.label("tlsKeyFile") + ": must be given with tlsCertFile");
        }
        if (plaintext && certFile != null) {
            throw new ConfigException(network.label("plaintext")
                    + ": cannot be true while tlsCertFile and tlsKeyFile are given");
        }
        return new NetworkConfig(host, port, s2sPort, voicePort,
                network.integer("eventLoops", Runtime.getRuntime().availableProcessors(), 1, 256), plaintext,
                certFile == null ? null : Path.of(certFile), keyFile == null ? null : Path.of(keyFile));
    }

    private WebConfig web(NetworkConfig network) {
        ConfigSection web = section("web");
        // 8443 beside the default client port; a node that names its client port (a second node on
        // the machine, a test's 0) takes any free web port unless it names one.
        int port = web.integer("port", sectionOf("network").has("port") ? 0 : 8443, 0, 65535);
        if (port != 0 && (port == network.port() || port == network.s2sPort())) {
            throw new ConfigException(web.label("port") + ": must differ from port (" + network.port()
                    + ") and s2sPort (" + network.s2sPort() + ")");
        }
        return new WebConfig(port);
    }

    private SessionConfig sessions() {
        ConfigSection sessions = section("sessions");
        return new SessionConfig(sessions.bool("requirePassword", false),
                sessions.integer("heartbeatSeconds", 15, 1, 3600),
                sessions.integer("loginTimeoutSeconds", 10, 1, 3600),
                sessions.integer("awaySeconds", 300, 1, 7 * 86400),
                sessions.longInteger("maxQueuedBytes", 16L << 20, 64L << 10, 1L << 34),
                registration(sessions));
    }

    private StorageConfig storage(String name) {
        ConfigSection storage = section("storage");
        return new StorageConfig(Path.of(storage.text("dataDir", "data/" + name)),
                storage.integer("mailboxMaxMessages", 200_000, 1, 100_000_000),
                storage.longInteger("mailboxMaxAgeSeconds", 30L * 86400, 1, 10L * 365 * 86400),
                storage.longInteger("mailboxMaxBytes", 2L << 30, 1L << 10, 1L << 50));
    }

    private static RegistrationMode registration(ConfigSection sessions) {
        String mode = sessions.text("registration", null);
        try {
            return mode == null ? null : RegistrationMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(sessions.label("registration") + ": " + e.getMessage());
        }
    }

    private AdminConfig admin() {
        return new AdminConfig(section("admin").integer("port", 0, 0, 65535));
    }

    private MediaConfig media() {
        ConfigSection media = section("media");
        String mediaDir = media.text("mediaDir", null);
        if (mediaDir != null && mediaDir.isBlank()) {
            throw new ConfigException(media.label("mediaDir") + ": must name a folder, or be left out for no library");
        }
        return new MediaConfig(mediaDir == null ? null : Path.of(mediaDir),
                media.integer("maxStreamsPerUser", 4, 1, 1000),
                media.integer("maxStreams", 200, 1, 100_000),
                media.integer("segmentSeconds", 2, 1, 60));
    }

    private DiscoveryConfig discovery() {
        ConfigSection discovery = section("discovery");
        boolean enabled = discovery.bool("enabled", false);
        boolean linkDiscovered = discovery.bool("linkDiscovered", false);
        if (linkDiscovered && !enabled) {
            throw new ConfigException(discovery.label("linkDiscovered")
                    + ": needs discovery.enabled (a node finds nothing to link with unless it listens)");
        }
        return new DiscoveryConfig(enabled, linkDiscovered);
    }

    private FederationSettings federation() {
        ConfigSection federation = section("federation");
        long redialMin = federation.longInteger("redialMinMillis", 500, 10, 600_000);
        return new FederationSettings(mode(federation), peers(federation), allowedPeers(federation),
                peerFingerprints(federation),
                federation.integer("linkHeartbeatSeconds", 5, 1, 3600),
                redialMin,
                federation.longInteger("redialMaxMillis", Math.max(redialMin, 30_000), redialMin, 3_600_000),
                federation.integer("nodeExpirySeconds", 86400, 2, 365 * 86400),
                federation.integer("maxHops", 16, 1, org.parley.federation.auth.OriginRules.MAX_HOPS),
                federation.integer("maxOutbox", 100_000, 1, 100_000_000),
                federation.longInteger("maxOutboxBytes", 64L << 20, 1L << 20, 1L << 40),
                directoryQuotas(federation),
                new BulkLimits(federation.longInteger("bulkWindowBytes", BulkLimits.DEFAULTS.windowBytes(),
                        BulkLimits.MIN_WINDOW_BYTES, Integer.MAX_VALUE),
                        federation.integer("bulkStreamsPerLink", BulkLimits.DEFAULTS.maxStreamsPerLink(), 1, 65_536)));
    }

    /** Lays {@code --limit NAME=VALUE} flags over the file's {@code limits}. */
    public NodeConfigLoader overrideLimits(Map<String, String> limits) {
        JsonNode merged = LimitsLoader.withOverrides(settings.get("limits"), limits);
        if (merged != null) {
            settings.set("limits", merged);
        }
        return this;
    }

    private static DirectoryQuotas directoryQuotas(ConfigSection federation) {
        DirectoryQuotas defaults = DirectoryQuotas.DEFAULTS;
        int perDeltaMin = DirectoryQuotas.ENTRIES_PER_DELTA; // what a peer sends in one delta
        return new DirectoryQuotas(
                federation.integer("directoryMaxEntriesPerNode", defaults.maxEntriesPerNode(), 1, 10_000_000),
                federation.integer("directoryEntriesPerSecond", defaults.entriesPerSecond(), 1, 10_000_000),
                federation.integer("directoryEntriesBurst", defaults.entriesBurst(), perDeltaMin, 100_000_000),
                federation.integer("directoryMaxEntriesPerDelta", defaults.maxEntriesPerDelta(), perDeltaMin, 10_000));
    }

    private static Set<String> allowedPeers(ConfigSection federation) {
        JsonNode node = federation.node("allowedPeers");
        if (node == null) {
            return Set.of();
        }
        if (!(node instanceof ArrayNode array)) {
            throw new ConfigException(federation.label("allowedPeers") + ": must be a list of node names");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (JsonNode item : array) {
            if (!item.isTextual() || !Name.isValid(item.asText())) {
                throw new ConfigException(federation.label("allowedPeers") + ": " + item + " is not a node name; " + Name.RULE);
            }
            names.add(item.asText());
        }
        return names;
    }

    private static Map<String, String> peerFingerprints(ConfigSection federation) {
        JsonNode node = federation.node("peerFingerprints");
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ConfigException(federation.label("peerFingerprints") + ": must map node names to \"SHA256:...\" fingerprints");
        }
        Map<String, String> fingerprints = new java.util.HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!Name.isValid(entry.getKey())) {
                throw new ConfigException(federation.label("peerFingerprints") + ": '" + entry.getKey() + "' is not a node name");
            }
            if (!entry.getValue().isTextual() || !Fingerprint.isWellFormed(entry.getValue().asText())) {
                throw new ConfigException(federation.label("peerFingerprints") + ": the fingerprint of " + entry.getKey()
                        + " must look like SHA256: and 43 base64 characters, as parley-node prints it");
            }
            fingerprints.put(entry.getKey(), entry.getValue().asText());
        }
        return fingerprints;
    }

    private static FederationMode mode(ConfigSection federation) {
        String text = federation.text("mode", FederationMode.CLOSED.spelling());
        return FederationMode.parse(text).orElseThrow(() -> new ConfigException(federation.label("mode")
                + ": must be \""
                + FederationMode.CLOSED.spelling() + "\" (link only with the nodes in peerFingerprints) or \""
                + FederationMode.OPEN.spelling() + "\" (trust any node's key on first contact), got \"" + text + "\""));
    }

    private static List<PeerAddress> peers(ConfigSection federation) {
        JsonNode node = federation.node("peers");
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof ArrayNode array)) {
            throw new ConfigException(federation.label("peers") + ": must be a list of \"HOST:PORT\" strings");
        }
        List<PeerAddress> peers = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                throw new ConfigException(federation.label("peers") + ": every entry must be a \"HOST:PORT\" string, got " + item);
            }
            try {
                peers.add(PeerAddress.parse(item.asText()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(federation.label("peers") + ": " + e.getMessage());
            }
        }
        return peers;
    }

    /** For tests and tools that build settings in code. */
    public static NodeConfigLoader of(Map<String, ?> values) {
        NodeConfigLoader loader = defaults();
        values.forEach(loader::override);
        return loader;
    }
}
