package org.parley.node;

import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.protocol.identity.UserAddress;

/**
 * Several real nodes in one test, linked over 127.0.0.1 with port 0 everywhere, with timers
 * shortened (heartbeats, redials) so faults heal in a test's time.
 */
final class Cluster implements AutoCloseable {

    static final Duration CONVERGE = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final Path root;
    private final NodeFixture fixture = new NodeFixture();
    private final Map<String, Node> nodes = new LinkedHashMap<>();

    Cluster(Vertx vertx, Path root) {
        this.vertx = vertx;
        this.root = root;
    }

    /** Starts node {@code name} dialling the given S2S ports. */
    Node start(String name, int... peerPorts) throws Exception {
        return start(name, Map.of(), peerPorts);
    }

    Node start(String name, Map<String, Object> overrides, int... peerPorts) throws Exception {
        Map<String, Object> settings = new HashMap<>(Map.of("name", name, "linkHeartbeatSeconds", 1,
                "redialMinMillis", 50, "redialMaxMillis", 400,
                "peers", java.util.Arrays.stream(peerPorts).mapToObj(p -> "127.0.0.1:" + p).toList()));
        settings.putAll(overrides);
        Node node = fixture.start(vertx, root.resolve(name), settings);
        nodes.put(name, node);
        return node;
    }

    Node node(String name) {
        return nodes.get(name);
    }

    /** Stops one node (gracefully), keeping its data folder for a restart. */
    void stop(String name) throws Exception {
        fixture.stop(nodes.remove(name));
    }

    /** Waits until every node knows every user in {@code users} and reaches every other node. */
    void awaitConverged(List<String> users) {
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
