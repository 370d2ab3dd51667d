package org.parley.node.voice;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.parley.federation.link.NodeKeyFile;
import org.parley.node.Node;
import org.parley.node.config.NodeConfigLoader;

/**
 * node-a and node-b, real nodes linked over 127.0.0.1 with every port 0 (voice included), trusting
 * each other, with the voice timings a test chooses.
 */
final class VoiceNodes implements AutoCloseable {

    private final Vertx vertx;
    private final Path root;
    private final VoiceTimings timings;
    private final List<Node> running = new ArrayList<>();
    final Node a;
    final Node b;

    VoiceNodes(Vertx vertx, Path root, VoiceTimings timings) throws Exception {
        this.vertx = vertx;
        this.root = root;
        this.timings = timings;
        Map<String, String> trust = Map.of("node-a", fingerprint("node-a"), "node-b", fingerprint("node-b"));
        a = start("node-a", trust);
        b = start("node-b", trust, a.s2sPort());
    }

    private Node start(String name, Map<String, String> trust, int... peers) throws Exception {
        Map<String, Object> settings = new HashMap<>(Map.of("name", name, "host", "127.0.0.1", "port", 0,
                "s2sPort", 0, "dataDir", root.resolve(name).toString(), "eventLoops", 2, "plaintext", true,
                "linkHeartbeatSeconds", 1, "redialMinMillis", 50, "redialMaxMillis", 400));
        settings.put("limits", "none");
        settings.put("peers", java.util.Arrays.stream(peers).mapToObj(p -> "127.0.0.1:" + p).toList());
        Map<String, String> others = new HashMap<>(trust);
        others.remove(name);
        settings.put("peerFingerprints", others);
        Node node = Node.start(vertx, NodeConfigLoader.of(settings).load(), timings)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        running.add(node);
        return node;
    }

    private String fingerprint(String name) throws java.io.IOException {
        return NodeKeyFile.loadOrCreate(root.resolve(name), name).fingerprint();
    }

    /** How many datagrams {@code node} dropped for {@code why} so far. */
    static long dropped(Node node, VoiceDrop why) {
        return node.voice().dropped().get(why);
    }

    @Override
    public void close() throws Exception {
        for (Node node : running) {
            node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
