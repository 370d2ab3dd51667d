package org.parley.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.federation.link.NodeKeyFile;
import org.parley.protocol.frame.WireJson;

/**
 * LAN discovery for real: nodes in processes of their own announce themselves over mDNS in a network
 * namespace the test makes (loopback only, multicast on), one links with the node it finds, and
 * {@code parley discover} in the same namespace lists them; a node without discovery is not heard.
 * Nothing leaves the namespace. Needs root to make the namespace, as CI has; skipped, saying so,
 * where it cannot be made.
 */
class LanDiscoveryTest {

    private static final Pattern READY = Pattern.compile(
            "parley-node (\\S+) ready: clients on [^:]+:(\\d+), nodes on [^:]+:(\\d+), web on \\S+ \\(WebSocket \\S+\\),"
                    + " voice on [^:]+:(\\d+) \\(UDP\\), key (SHA256:\\S+),");

    @TempDir
    Path dir;

    private NetworkNamespace namespace;
    private final List<ShellProcess> processes = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (ShellProcess process : processes) {
            process.close();
            process.awaitExit();
        }
        if (namespace != null) {
            namespace.close();
        }
    }

    @Test
    void nodesFindEachOtherOnTheLanAndDiscoverListsThemButNotANodeWithoutDiscovery() throws Exception {
        // GIVEN a LAN of its own, and three nodes on it: node-a announces itself, node-b announces
        // itself and links with the nodes it finds (it trusts node-a's key, as node-a trusts its), node-c
        // has discovery off
        List<String> whyNot = new ArrayList<>();
        Optional<NetworkNamespace> made = NetworkNamespace.create(whyNot);
        assumeTrue(made.isPresent(), () -> String.join("; ", whyNot));
        namespace = made.get();
        String keyA = NodeKeyFile.loadOrCreate(dir.resolve("a"), "node-a").fingerprint();
        String keyB = NodeKeyFile.loadOrCreate(dir.resolve("b"), "node-b").fingerprint();
        ShellProcess nodeA = node("node-a", "--discovery", "--peer-fingerprint", "node-b=" + keyB);
        ShellProcess nodeB = node("node-b", "--link-discovered", "--peer-fingerprint", "node-a=" + keyA);
        ShellProcess nodeC = node("node-c");
        Map<String, List<String>> ready = new TreeMap<>();
        for (ShellProcess node : List.of(nodeA, nodeB, nodeC)) {
            Matcher line = READY.matcher(node.awaitLine(READY));
            line.find();
            ready.put(line.group(1), List.of(line.group(2), line.group(3), line.group(4), line.group(5)));
        }

        // WHEN node-b hears node-a's announcement
        // THEN it links with node-a, and says what it found and did
        nodeB.awaitLine(Pattern.compile("Found node node-a on the LAN at 127\\.0\\.0\\.1 .*; linking with it at"
                + " 127\\.0\\.0\\.1:" + ready.get("node-a").get(1)));
        nodeB.awaitLine(Pattern.compile("Linked with node node-a \\(.*dialled\\)"));
        nodeA.awaitLine(Pattern.compile("Linked with node node-b \\(.*accepted\\)"));

        // AND parley discover lists node-a and node-b, with the ports and keys their ready lines gave
        Map<String, JsonNode> listed = new TreeMap<>();
        await().atMost(Duration.ofSeconds(120)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    listed.clear();
                    listed.putAll(discover());
                    return listed.keySet().containsAll(List.of("node-a", "node-b"));
                });
        assertEquals(List.of("node-a", "node-b"), List.copyOf(listed.keySet()), "node-c has discovery off");
        for (String name : listed.keySet()) {
            JsonNode node = listed.get(name);
            assertEquals("127.0.0.1", node.get("host").asText());
            assertEquals(ready.get(name), List.of(node.get("port").asText(), node.get("s2sPort").asText(),
                    node.get("voicePort").asText(), node.get("fingerprint").asText()), name);
            assertTrue(node.get("webPort").asInt() > 0);
            assertEquals(1, node.get("protocol").asInt());
        }
        assertEquals(keyA, listed.get("node-a").get("fingerprint").asText());
        assertEquals(keyB, listed.get("node-b").get("fingerprint").asText());
    }

    /** {@code parley discover --json} in the namespace, by node name. */
    private Map<String, JsonNode> discover() throws Exception {
        ShellProcess discover = spawn(ShellProcess.parley("discover", "--json", "--seconds", "4").command());
        Map<String, JsonNode> nodes = new TreeMap<>();
        assertEquals(0, discover.awaitExit(), discover.said());
        for (String line : discover.lines()) {
            if (line.startsWith("{")) {
                JsonNode node = WireJson.mapper().readTree(line);
                nodes.put(node.get("node").asText(), node);
            }
        }
        return nodes;
    }

    private ShellProcess node(String name, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx192m", "-Dlogback.configurationFile=" + Path.of("../config/logback.xml")
                        .toAbsolutePath(), "-cp", System.getProperty("java.class.path"), "org.parley.node.NodeMain",
                "--name", name, "--host", "127.0.0.1", "--port", "0", "--s2s-port", "0",
                "--data-dir", dir.resolve(name.substring(5)).toString(), "--plaintext", "--no-limits"));
        command.addAll(List.of(extra));
        return spawn(command);
    }

    private ShellProcess spawn(List<String> command) throws Exception {
        ShellProcess spawned = ShellProcess.start(new ProcessBuilder(namespace.inside(command.toArray(String[]::new))));
        processes.add(spawned);
        return spawned;
    }
}
