package org.parley.client;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.parley.node.Node;
import org.parley.node.config.NodeConfigLoader;

/** Real nodes for the client's tests: any port, one event loop, quick redials, settings as given. */
final class TestNodes {

    private TestNodes() {
    }

    static Node start(Vertx vertx, Map<String, Object> overrides) throws Exception {
        Map<String, Object> settings = new HashMap<>(Map.of("host", "127.0.0.1", "port", 0, "s2sPort", 0,
                "eventLoops", 1, "redialMinMillis", 50, "redialMaxMillis", 400, "limits", "none"));
        settings.putAll(overrides);
        return Node.start(vertx, NodeConfigLoader.of(settings).load())
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
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
