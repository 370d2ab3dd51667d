package org.parley.node;

import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.node.media.VideoLibrary;
import org.parley.protocol.identity.UserAddress;

/**
 * Several real nodes in one test, linked over 127.0.0.1 with port 0 everywhere, with timers
 * shortened (heartbeats, redials) so faults heal in a test's time.
 *
 * <p>Federation is closed, as by default: the cluster makes each node's key in its data folder before
 * the node starts, so it knows every fingerprint, and by default every node trusts every other node of
 * the cluster (those started, and the usual names in {@link #MEMBERS}, which may start later).
 * {@link #startTrusting} trusts only the nodes named, for a line with neighbours-only trust, say. A
 * test's own {@code peerFingerprints} (a {@link RogueNode}'s) are added to the cluster's.
 */
public final class Cluster implements AutoCloseable {

    public static final Duration CONVERGE = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final Path root;
    private final NodeFixture fixture = new NodeFixture();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, String> fingerprints = new HashMap<>();
    /** The video library each node serves instead of its media folder's, when a test gave it one. */
    private final Map<String, VideoLibrary> libraries = new HashMap<>();

    /** The names tests give their nodes: each node trusts these, whether they have started yet or not. */
    static final List<String> MEMBERS = List.of("node-a", "node-b", "node-c", "node-d", "hub", "spoke-1", "spoke-2",
            "spoke-3");

    public Cluster(Vertx vertx, Path root) {
        this.vertx = vertx;
        this.root = root;
    }

    /** Node {@code name}, when it starts (and starts again), serves {@code library}. */
    public void library(String name, VideoLibrary library) {
        libraries.put(name, library);
    }

    /** Starts node {@code name} dialling the given S2S ports. */
    public Node start(String name, int... peerPorts) throws Exception {
        return start(name, Map.of(), peerPorts);
    }

    public Node start(String name, Map<String, Object> overrides, int... peerPorts) throws Exception {
        java.util.Set<String> everyone = new java.util.TreeSet<>(MEMBERS);
        everyone.addAll(nodes.keySet());
        everyone.remove(name);
        return startTrusting(name, everyone, overrides, peerPorts);
    }

    /** Starts node {@code name} trusting only the cluster's nodes named in {@code trusted}. */
    public Node startTrusting(String name, java.util.Collection<String> trusted, Map<String, Object> overrides,
                       int... peerPorts) throws Exception {
        Map<String, Object> settings = new HashMap<>(Map.of("name", name, "linkHeartbeatSeconds", 1,
                "redialMinMillis", 50, "redialMaxMillis", 400,
                "peers", java.util.Arrays.stream(peerPorts).mapToObj(p -> "127.0.0.1:" + p).toList()));
        settings.putAll(overrides);
        Map<String, Object> trust = new HashMap<>();
        for (String other : trusted) {
            trust.put(other, fingerprint(other));
        }
        if (overrides.get("peerFingerprints") instanceof Map<?, ?> own) {
            own.forEach((other, fingerprint) -> trust.put((String) other, fingerprint));
        }
        settings.put("peerFingerprints", trust);
        fingerprint(name);
        Node node = fixture.start(vertx, root.resolve(name), settings, libraries.get(name));
        nodes.put(name, node);
        return node;
    }

    /** The fingerprint of node {@code name}'s key, made in its data folder if it has none yet. */
    String fingerprint(String name) throws java.io.IOException {
        String known = fingerprints.get(name);
        if (known == null) {
            known = NodeFixture.fingerprint(root.resolve(name), name);
            fingerprints.put(name, known);
        }
        return known;
    }

    public Node node(String name) {
        return nodes.get(name);
    }

    /** Stops one node (gracefully), keeping its data folder for a restart. */
    public void stop(String name) throws Exception {
        fixture.stop(nodes.remove(name));
    }

    /** Waits until every node knows every user in {@code users} and reaches every other node. */
    public void awaitConverged(List<String> users) {
        await().atMost(CONVERGE).until(() -> nodes.values().stream().allMatch(node ->
                node.federation().routes().reachable().size() == nodes.size() - 1
                        && users.stream().allMatch(u -> node.federation().directory()
                        .user(UserAddress.parse(u, node.name())).isPresent())));
    }

    @Override
    public void close() throws Exception {
        fixture.stopAll();
    }
}
