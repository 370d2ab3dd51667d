package org.parley.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.federation.PeerAddress;

class NodeConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void everySettingHasADefault() {
        NodeConfig config = NodeConfigLoader.defaults().load();

        assertEquals("parley", config.name());
        assertEquals("127.0.0.1", config.network().host());
        assertEquals(8080, config.network().port());
        assertEquals(5050, config.network().s2sPort());
        assertEquals(Path.of("data/parley"), config.storage().dataDir());
        assertEquals(List.of(), config.federation().peers());
    }

    @Test
    void flagsOverrideTheFile() throws Exception {
        Path file = write("{\"name\":\"node-a\",\"port\":8080,\"peers\":[\"127.0.0.1:5051\"]}");

        NodeConfig config = NodeConfigLoader.fromFile(file).override("port", 9090).override("name", null).load();

        assertEquals("node-a", config.name());
        assertEquals(9090, config.network().port());
        assertEquals(List.of(new PeerAddress("127.0.0.1", 5051)), config.federation().peers());
    }

    @Test
    void theShippedConfigsLoad() {
        NodeConfig a = NodeConfigLoader.fromFile(Path.of("../config/node-a.json")).load();
        NodeConfig b = NodeConfigLoader.fromFile(Path.of("../config/node-b.json")).load();

        assertEquals(List.of(8080, 5050, 8443, 2020, 5051, 2443), List.of(a.network().port(), a.network().s2sPort(),
                a.web().port(), b.network().port(), b.network().s2sPort(), b.web().port()));
        assertEquals(List.of(7070, 7071), List.of(a.network().voicePort(), b.network().voicePort()));
    }

    @Test
    void theVoicePortIs7070BesideTheDefaultClientPortAndAnyFreeOneBesideAnother() {
        assertEquals(7070, NodeConfigLoader.defaults().load().network().voicePort());
        assertEquals(0, NodeConfigLoader.of(Map.of("port", 9000)).load().network().voicePort());
        assertEquals(9070, NodeConfigLoader.of(Map.of("port", 9000, "voicePort", 9070)).load().network().voicePort());
        assertEquals(9071, NodeConfigLoader.of(Map.of("network.voicePort", 9071)).load().network().voicePort());
        assertRefused(Map.of("voicePort", 70000), "voicePort: must be between 0 and 65535");
    }

    @Test
    void theWebPortIs8443BesideTheDefaultClientPortAndAnyFreeOneBesideAnother() {
        assertEquals(8443, NodeConfigLoader.defaults().load().web().port());
        assertEquals(0, NodeConfigLoader.of(Map.of("port", 9000)).load().web().port());
        assertEquals(0, NodeConfigLoader.of(Map.of("port", 0)).load().web().port());
        assertEquals(9443, NodeConfigLoader.of(Map.of("port", 9000, "webPort", 9443)).load().web().port());
        assertEquals(9444, NodeConfigLoader.of(Map.of("port", 9000, "web.port", 9444)).load().web().port());
    }

    @Test
    void federationSettingsReachTheFederation() {
        String fingerprint = "SHA256:" + "A".repeat(42) + "E";
        NodeConfig config = NodeConfigLoader.of(Map.of("name", "node-a", "allowedPeers", List.of("node-b"),
                "peerFingerprints", Map.of("node-b", fingerprint), "maxHops", 4, "nodeExpirySeconds", 60)).load();

        assertEquals(java.util.Set.of("node-b"), config.federationConfig(new org.parley.federation.net.TransportSecurity.Plaintext()).allowedPeers());
        assertEquals(Map.of("node-b", fingerprint), config.federationConfig(new org.parley.federation.net.TransportSecurity.Plaintext()).peerFingerprints());
        assertEquals(4, config.federationConfig(new org.parley.federation.net.TransportSecurity.Plaintext()).maxHops());
        assertEquals(60, config.federationConfig(new org.parley.federation.net.TransportSecurity.Plaintext()).nodeExpirySeconds());
    }

    @Test
    void theBulkLimitsTheReadmeNamesAreReadInTheFederationSectionAndFlat() throws Exception {
        Path nested = write("{\"federation\":{\"bulkWindowBytes\":2000000,\"bulkStreamsPerLink\":8}}");

        assertEquals(new org.parley.federation.bulk.BulkLimits(2_000_000, 8),
                NodeConfigLoader.fromFile(nested).load().federation().bulk());
        assertEquals(new org.parley.federation.bulk.BulkLimits(2_000_000, 8), NodeConfigLoader.of(Map.of(
                "bulkWindowBytes", 2_000_000, "bulkStreamsPerLink", 8)).load().federation().bulk());
    }

    @Test
    void eachRefusalNamesTheField() throws Exception {
        assertRefused(Map.of("port", 70000), "port: must be between 0 and 65535, got 70000");
        assertRefused(Map.of("port", "http"), "port: must be a whole number, got \"http\"");
        assertRefused(Map.of("name", "Node A"), "name: invalid node name 'Node A'");
        assertRefused(Map.of("peers", List.of("nohost")), "peers: peer address 'nohost' is not HOST:PORT");
        assertRefused(Map.of("requirePassword", "yes"), "requirePassword: must be true or false");
        assertRefused(Map.of("port", 5050, "s2sPort", 5050), "s2sPort: must differ from port (5050)");
        assertRefused(Map.of("port", 9000, "webPort", 9000), "webPort: must differ from port (9000) and s2sPort");
        assertRefused(Map.of("webPort", 5050), "webPort: must differ from port (8080) and s2sPort (5050)");
        assertRefused(Map.of("allowedPeers", List.of("Node B")), "allowedPeers: \"Node B\" is not a node name");
        assertRefused(Map.of("peerFingerprints", Map.of("node-b", "abc")),
                "peerFingerprints: the fingerprint of node-b must look like SHA256:");
        assertRefused(Map.of("redialMinMillis", 5000, "redialMaxMillis", 1000),
                "redialMaxMillis: must be between 5000 and 3600000, got 1000");
        assertEquals("prot: unknown setting", assertThrows(ConfigException.class,
                () -> NodeConfigLoader.fromFile(write("{\"prot\":1}"))).getMessage().substring(0, 21));
        assertEquals("config file " + dir.resolve("x.json") + " is not valid JSON (line 1, column 2)",
                assertThrows(ConfigException.class, () -> NodeConfigLoader.fromFile(writeAs("x.json", "{oops"))).getMessage());
    }

    @Test
    void metricsAreOnForThisMachineOnlyUnlessTheMetricsSectionSaysOtherwise() throws Exception {
        assertEquals(new MetricsConfig(true, true), NodeConfigLoader.defaults().load().metrics());
        assertEquals(new MetricsConfig(false, false), NodeConfigLoader.fromFile(
                write("{\"metrics\":{\"enabled\":false,\"loopbackOnly\":false}}")).load().metrics());
        assertEquals("metrics.loopbackOnly: must be true or false, got \"no\"", assertThrows(ConfigException.class,
                () -> NodeConfigLoader.fromFile(write("{\"metrics\":{\"loopbackOnly\":\"no\"}}")).load()).getMessage());
        assertEquals("metrics.port: unknown setting; the metrics section knows enabled, loopbackOnly",
                assertThrows(ConfigException.class,
                        () -> NodeConfigLoader.fromFile(write("{\"metrics\":{\"port\":9100}}")).load()).getMessage());
    }

    @Test
    void federationIsClosedUnlessTheOperatorChoosesOpen() {
        assertEquals(org.parley.federation.FederationMode.CLOSED, NodeConfigLoader.defaults().load().federation().mode());
        assertEquals(org.parley.federation.FederationMode.OPEN, NodeConfigLoader.of(Map.of("federation", "open")).load()
                .federation().mode());
        assertRefused(Map.of("federation", "public"), "federation: must be \"closed\" (link only with the nodes in"
                + " peerFingerprints) or \"open\" (trust any node's key on first contact), got \"public\"");
    }

    @Test
    void sectionsAndFlatNamesReadAlike() throws Exception {
        Path nested = write("{\"name\":\"node-a\",\"network\":{\"port\":8081,\"s2sPort\":5055},"
                + "\"sessions\":{\"awaySeconds\":60},\"storage\":{\"dataDir\":\"d\"},"
                + "\"federation\":{\"mode\":\"open\",\"peers\":[\"127.0.0.1:5051\"],\"maxHops\":4}}");
        Path flat = writeAs("flat.json", "{\"name\":\"node-a\",\"port\":8081,\"s2sPort\":5055,\"awaySeconds\":60,"
                + "\"dataDir\":\"d\",\"federation\":\"open\",\"peers\":[\"127.0.0.1:5051\"],\"maxHops\":4}");

        NodeConfig a = NodeConfigLoader.fromFile(nested).load();
        NodeConfig b = NodeConfigLoader.fromFile(flat).load();

        assertEquals(a, b);
        assertEquals(8081, a.network().port());
        assertEquals(60, a.sessions().awaySeconds());
        assertEquals(org.parley.federation.FederationMode.OPEN, a.federation().mode());
        assertEquals(4, a.federation().maxHops());
    }

    @Test
    void aFlagOverridesASectionOfTheFile() throws Exception {
        Path file = write("{\"network\":{\"port\":8081}}");

        assertEquals(9090, NodeConfigLoader.fromFile(file).override("port", 9090).load().network().port());
        assertEquals(9091, NodeConfigLoader.fromFile(file).override("network.port", 9091).load().network().port());
    }

    @Test
    void refusalsInSectionsNameTheSectionAndTheField() throws Exception {
        assertEquals("network.port: must be between 0 and 65535, got 70000", assertThrows(ConfigException.class,
                () -> NodeConfigLoader.fromFile(write("{\"network\":{\"port\":70000}}")).load()).getMessage());
        assertEquals("network.prot: unknown setting", assertThrows(ConfigException.class,
                () -> NodeConfigLoader.fromFile(write("{\"network\":{\"prot\":1}}")).load()).getMessage()
                .substring(0, 29));
        assertEquals("network.port: given twice, also as port", assertThrows(ConfigException.class,
                () -> NodeConfigLoader.fromFile(write("{\"port\":1,\"network\":{\"port\":2}}"))).getMessage());
        assertEquals("storage: must be an object of settings", assertThrows(ConfigException.class,
                () -> NodeConfigLoader.fromFile(write("{\"storage\":\"x\"}"))).getMessage().substring(0, 38));
        assertEquals("federation.mode: must be \"closed\"", assertThrows(ConfigException.class,
                () -> NodeConfigLoader.fromFile(write("{\"federation\":{\"mode\":\"x\"}}")).load()).getMessage()
                .substring(0, 33));
    }

    private void assertRefused(Map<String, ?> settings, String expectedStart) {
        ConfigException e = assertThrows(ConfigException.class, () -> NodeConfigLoader.of(settings).load());
        assertEquals(expectedStart, e.getMessage().substring(0, Math.min(e.getMessage().length(), expectedStart.length())),
                e.getMessage());
    }

    private Path write(String json) throws Exception {
        return writeAs("config.json", json);
    }

    private Path writeAs(String name, String json) throws Exception {
        return Files.writeString(dir.resolve(name), json);
    }

    @Test
    void discoveryIsOffUnlessTurnedOnAndLinkingWithWhatItFindsNeedsIt() throws Exception {
        assertEquals(new DiscoveryConfig(false, false), NodeConfigLoader.defaults().load().discovery());
        Path file = write("{\"name\":\"node-a\",\"discovery\":{\"enabled\":true,\"linkDiscovered\":true}}");
        assertEquals(new DiscoveryConfig(true, true), NodeConfigLoader.fromFile(file).load().discovery());
        assertRefused(Map.of("discovery.linkDiscovered", true), "discovery.linkDiscovered: needs discovery.enabled");
        // The section came after flat names did: a top-level "enabled" is no setting.
        assertRefused(Map.of("enabled", true), "enabled: unknown setting");
    }

    @Test
    void theDiscoveryFlagsTurnItOnAndLinkDiscoveredImpliesDiscovery() {
        assertEquals(new DiscoveryConfig(true, false), flags("--discovery").discovery());
        assertEquals(new DiscoveryConfig(true, true), flags("--link-discovered").discovery());
        assertEquals(new DiscoveryConfig(false, false), flags().discovery());
    }

    private static NodeConfig flags(String... args) {
        org.parley.node.NodeOptions options = new org.parley.node.NodeOptions();
        new picocli.CommandLine(options).parseArgs(args);
        return options.load(new java.io.PrintWriter(System.err));
    }

    @Test
    void theExampleConfigLoadsAndHoldsAndDocumentsEverySettingTheLoaderKnows() throws Exception {
        // GIVEN the example an operator copies, and its reference page
        Path example = Path.of("../config/example-node.json");
        com.fasterxml.jackson.databind.JsonNode json = org.parley.protocol.frame.WireJson.mapper()
                .readTree(Files.readString(example));
        String reference = Files.readString(Path.of("../config/example-node.md"));

        // WHEN it is loaded
        NodeConfig config = NodeConfigLoader.fromFile(example).load();

        // THEN it is a valid node's config, and no setting is missing from it or from the page
        assertEquals("lab", config.name());
        java.util.List<String> missing = new java.util.ArrayList<>();
        if (!json.has("name") || !reference.contains("| `name` |")) {
            missing.add("name");
        }
        NodeConfigLoader.knownSettings().forEach((section, fields) -> fields.forEach(field -> {
            if (!json.path(section).has(field) || !reference.contains("| `" + section + "." + field + "` |")) {
                missing.add(section + "." + field);
            }
        }));
        assertEquals(List.of(), missing, "settings missing from config/example-node.json or example-node.md");
    }
}
