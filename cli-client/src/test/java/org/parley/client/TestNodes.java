package org.parley.client;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.parley.federation.link.NodeKeyFile;
import org.parley.node.Node;
import org.parley.node.config.NodeConfigLoader;

/** Real nodes for the client's tests: any port, one event loop, quick redials, settings as given. */
final class TestNodes {

    private TestNodes() {
    }

    static Node start(Vertx vertx, Map<String, Object> overrides) throws Exception {
        Map<String, Object> settings = new HashMap<>(Map.of("host", "127.0.0.1", "port", 0, "s2sPort", 0, "voicePort", 0,
                "eventLoops", 1, "redialMinMillis", 50, "redialMaxMillis", 400, "limits", "none"));
        settings.putAll(overrides);
        return Node.start(vertx, NodeConfigLoader.of(settings).load())
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /**
     * As {@link #start(Vertx, Map)}, trusting the nodes named, each with its data in the folder given:
     * federation is closed, so a node links only with the nodes it has a fingerprint for. Makes each
     * of their keys in its folder if that node has not started yet.
     */
    static Node start(Vertx vertx, Map<String, Object> overrides, Map<String, Path> trusted) throws Exception {
        Map<String, Object> settings = new HashMap<>(overrides);
        settings.put("peerFingerprints", fingerprints(trusted));
        return start(vertx, settings);
    }

    /** The fingerprints of the nodes named, each with its data in the folder given; made there if need be. */
    static Map<String, String> fingerprints(Map<String, Path> nodes) throws java.io.IOException {
        Map<String, String> fingerprints = new HashMap<>();
        for (Map.Entry<String, Path> node : nodes.entrySet()) {
            fingerprints.put(node.getKey(), NodeKeyFile.loadOrCreate(node.getValue(), node.getKey()).fingerprint());
        }
        return fingerprints;
    }

    static void stop(Vertx vertx, List<Node> nodes) throws Exception {
        for (Node node : nodes) {
            stop(node);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    /** Stops one node and leaves Vert.x running, for the others. */
    static void stop(Node node) throws Exception {
        node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** The arguments of a command run as {@code user} of {@code node}, with their home under {@code homes}. */
    static String[] as(Path homes, String user, Node node, String... command) {
        List<String> args = new java.util.ArrayList<>(List.of("--host", "127.0.0.1", "--port",
                String.valueOf(node.port()), "--user", user, "--home", homes.resolve(user).toString()));
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }
}
