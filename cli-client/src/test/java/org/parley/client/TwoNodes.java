package org.parley.client;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parley.node.Node;

/** node-a and node-b, linked, with their stores in a test's folder; either can be stopped and started again on its ports. */
final class TwoNodes implements AutoCloseable {

    final Vertx vertx = Vertx.vertx();
    private final Path data;
    private final Map<String, Object> settings;
    private final Map<String, Map<String, Object>> perNode;
    private final Route route;
    /** The port node-b dials for node-a, asked of the route once: node-a restarts on its own ports. */
    private int linkPort;
    Node a;
    Node b;

    /** How node-b reaches node-a's federation port: straight there, or through what a test puts between them. */
    interface Route {
        Route DIRECT = (vertx, s2sPortOfA) -> s2sPortOfA;

        /** The port node-b dials to reach node-a, which listens for nodes on {@code s2sPortOfA}. */
        int port(Vertx vertx, int s2sPortOfA) throws Exception;
    }

    /** @param settings for both nodes, on top of the test defaults ({@code "plaintext": true}, say) */
    TwoNodes(Path data, Map<String, Object> settings) throws Exception {
        this(data, settings, Map.of(), Route.DIRECT);
    }

    /**
     * @param settings for both nodes, on top of the test defaults
     * @param perNode  for one node, by its name, on top of those ({@code node-a}'s media folder, say)
     * @param route    how node-b reaches node-a; asked once, as node-b first starts
     */
    TwoNodes(Path data, Map<String, Object> settings, Map<String, Map<String, Object>> perNode, Route route)
            throws Exception {
        this.data = data;
        this.settings = settings;
        this.perNode = perNode;
        this.route = route;
        a = startA(0, 0);
        b = startB(0);
    }

    Node startA(int port, int s2sPort) throws Exception {
        a = start("node-a", Map.of("port", port, "s2sPort", s2sPort), "node-b");
        return a;
    }

    Node startB(int port) throws Exception {
        if (linkPort == 0) {
            linkPort = route.port(vertx, a.s2sPort());
        }
        b = start("node-b", Map.of("port", port, "peers", List.of("127.0.0.1:" + linkPort)), "node-a");
        return b;
    }

    private Node start(String name, Map<String, Object> more, String trusted) throws Exception {
        Map<String, Object> all = new HashMap<>(settings);
        all.putAll(perNode.getOrDefault(name, Map.of()));
        all.putAll(more);
        all.put("name", name);
        all.put("dataDir", data.resolve(name).toString());
        return TestNodes.start(vertx, all, Map.of(trusted, data.resolve(trusted)));
    }

    @Override
    public void close() throws Exception {
        TestNodes.stop(vertx, List.of(b, a));
    }
}
