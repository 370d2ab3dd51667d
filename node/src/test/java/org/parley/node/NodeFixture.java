package org.parley.node;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.parley.node.config.NodeConfig;
import org.parley.node.config.NodeConfigLoader;
import org.parley.node.login.PasswordHasher;
import org.parley.node.media.VideoLibrary;

/**
 * Starts real nodes on 127.0.0.1, port 0, with their store in a test folder, and remembers them
 * so that a test's {@code @AfterEach} can stop whatever the test left running.
 */
final class NodeFixture {

    /** Cheap Argon2id parameters: tests check the logic, not the cost. */
    static final PasswordHasher TEST_HASHER = new PasswordHasher(new org.parley.protocol.crypto.Argon2id.Cost(1024, 1, 1));

    private final List<Node> running = new ArrayList<>();

    /** A node the fixture will stop in {@link #stopAll()}. */
    Node start(Vertx vertx, Path dataDir, Map<String, Object> overrides) throws Exception {
        return start(vertx, dataDir, overrides, null);
    }

    /** As {@link #start(Vertx, Path, Map)}, serving {@code library} (null: its media folder's, if any). */
    Node start(Vertx vertx, Path dataDir, Map<String, Object> overrides, VideoLibrary library) throws Exception {
        // Plaintext: these tests speak the protocol over raw sockets; TLS has tests of its own.
        Map<String, Object> settings = new HashMap<>(Map.of("name", "test", "host", "127.0.0.1", "port", 0,
                "s2sPort", 0, "dataDir", dataDir.toString(), "eventLoops", 2, "plaintext", true));
        // Tests register many users from 127.0.0.1 and send fast; the limits' own tests set them.
        settings.put("limits", "none");
        settings.putAll(overrides);
        NodeConfig config = NodeConfigLoader.of(settings).load();
        Node node = (library == null ? Node.start(vertx, config, TEST_HASHER)
                : Node.start(vertx, config, TEST_HASHER, library))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        running.add(node);
        return node;
    }

    /**
     * The fingerprint of node {@code name}'s key in {@code dataDir}, made there if the node has not
     * started yet: federation is closed, so a node links only with the nodes it has a fingerprint for.
     */
    static String fingerprint(Path dataDir, String name) throws java.io.IOException {
        return org.parley.federation.link.NodeKeyFile.loadOrCreate(dataDir, name).fingerprint();
    }

    /** Stops a node now, for tests that restart one. */
    void stop(Node node) throws Exception {
        running.remove(node);
        await(node);
    }

    void stopAll() throws Exception {
        for (Node node : running) {
            await(node);
        }
        running.clear();
    }

    private static void await(Node node) throws Exception {
        node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
