package org.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.federation.net.TransportSecurity;
import org.parley.node.Node;

/**
 * Clients pin a node's identity key, which signs its TLS certificate in its hello: a node that
 * renews its certificate (same key) is still accepted; a node with another key is refused with both
 * fingerprints; a pin of the old kind (a certificate fingerprint) becomes a key pin.
 */
class NodePinningTest {

    @TempDir
    Path data;

    @TempDir
    Path homes;

    private final Vertx vertx = Vertx.vertx();
    private Node node;

    @AfterEach
    void stop() throws Exception {
        TestNodes.stop(vertx, node == null ? List.of() : List.of(node));
    }

    private Node start(int port) throws Exception {
        node = TestNodes.start(vertx, Map.of("name", "lab", "port", port, "dataDir", data.toString()));
        return node;
    }

    private static String certificate(Node node) {
        return ((TransportSecurity.Tls) node.security()).fingerprint();
    }

    @Test
    void aRenewedCertificateIsAcceptedAndANewNodeKeyIsRefusedWithBothFingerprints() throws Exception {
        int port = start(0).port();
        String key = node.federation().fingerprint();
        String firstCertificate = certificate(node);
        assertEquals(0, CliRun.run(TestNodes.as(homes, "alice", node, "who")).exitCode);
        String pins = Files.readString(homes.resolve("alice/known-nodes.json"));
        assertTrue(pins.contains("\"key\" : \"" + key + "\""), pins);

        TestNodes.stop(node);
        deleteTree(data.resolve("tls")); // the operator renews the certificate; the node key stays
        start(port);
        assertNotEquals(firstCertificate, certificate(node));
        CliRun renewed = CliRun.run(TestNodes.as(homes, "alice", node, "who"));
        assertEquals(0, renewed.exitCode, renewed.stderr());

        TestNodes.stop(node);
        Files.delete(data.resolve("node-key.json")); // another node, or someone in between
        start(port);
        String otherKey = node.federation().fingerprint();
        CliRun refused = CliRun.run(TestNodes.as(homes, "alice", node, "who"));
        assertEquals(1, refused.exitCode);
        assertTrue(refused.stderr().contains("has node key " + otherKey + ", but you trusted node key " + key),
                refused.stderr());
    }

    @Test
    void aPinOfTheOldKindBecomesAKeyPin() throws Exception {
        start(0);
        Path home = homes.resolve("bob");
        Files.createDirectories(home);
        Files.writeString(home.resolve("known-nodes.json"), "{\"127.0.0.1:" + node.port() + "\": \""
                + certificate(node) + "\"}");

        CliRun who = CliRun.run(TestNodes.as(homes, "bob", node, "who"));

        assertEquals(0, who.exitCode, who.stderr());
        String pins = Files.readString(home.resolve("known-nodes.json"));
        assertTrue(pins.contains("\"key\" : \"" + node.federation().fingerprint() + "\""), pins);
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var all = Files.walk(dir)) {
            for (Path path : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
