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
        assertEquals("127.0.0.1", config.host());
        assertEquals(8080, config.port());
        assertEquals(5050, config.s2sPort());
        assertEquals(Path.of("data/parley"), config.dataDir());
        assertEquals(List.of(), config.peers());
    }

    @Test
    void flagsOverrideTheFile() throws Exception {
        Path file = write("{\"name\":\"node-a\",\"port\":8080,\"peers\":[\"127.0.0.1:5051\"]}");

        NodeConfig config = NodeConfigLoader.fromFile(file).override("port", 9090).override("name", null).load();

        assertEquals("node-a", config.name());
        assertEquals(9090, config.port());
        assertEquals(List.of(new PeerAddress("127.0.0.1", 5051)), config.peers());
    }

    @Test
    void theShippedConfigsLoad() {
        NodeConfig a = NodeConfigLoader.fromFile(Path.of("../config/node-a.json")).load();
        NodeConfig b = NodeConfigLoader.fromFile(Path.of("../config/node-b.json")).load();

        assertEquals(List.of(8080, 5050, 8443, 2020, 5051, 2443),
                List.of(a.port(), a.s2sPort(), a.webPort(), b.port(), b.s2sPort(), b.webPort()));
    }

    @Test
    void theWebPortIs8443BesideTheDefaultClientPortAndAnyFreeOneBesideAnother() {
        assertEquals(8443, NodeConfigLoader.defaults().load().webPort());
        assertEquals(0, NodeConfigLoader.of(Map.of("port", 9000)).load().webPort());
        assertEquals(0, NodeConfigLoader.of(Map.of("port", 0)).load().webPort());
        assertEquals(9443, NodeConfigLoader.of(Map.of("port", 9000, "webPort", 9443)).load().webPort());
    }

    @Test
    void federationSettingsReachTheFederation() {
        String fingerprint = "SHA256:" + "A".repeat(42) + "E";
        NodeConfig config = NodeConfigLoader.of(Map.of("name", "node-a", "allowedPeers", List.of("node-b"),
                "peerFingerprints", Map.of("node-b", fingerprint), "maxHops", 4, "nodeExpirySeconds", 60)).load();

        assertEquals(java.util.Set.of("node-b"), config.federation(new org.parley.federation.net.TransportSecurity.Plaintext()).allowedPeers());
        assertEquals(Map.of("node-b", fingerprint), config.federation(new org.parley.federation.net.TransportSecurity.Plaintext()).peerFingerprints());
        assertEquals(4, config.federation(new org.parley.federation.net.TransportSecurity.Plaintext()).maxHops());
        assertEquals(60, config.federation(new org.parley.federation.net.TransportSecurity.Plaintext()).nodeExpirySeconds());
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
    void federationIsClosedUnlessTheOperatorChoosesOpen() {
        assertEquals(org.parley.federation.FederationMode.CLOSED, NodeConfigLoader.defaults().load().federationMode());
        assertEquals(org.parley.federation.FederationMode.OPEN, NodeConfigLoader.of(Map.of("federation", "open")).load()
                .federation(new org.parley.federation.net.TransportSecurity.Plaintext()).federation());
        assertRefused(Map.of("federation", "public"), "federation: must be \"closed\" (link only with the nodes in"
                + " peerFingerprints) or \"open\" (trust any node's key on first contact), got \"public\"");
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
}
