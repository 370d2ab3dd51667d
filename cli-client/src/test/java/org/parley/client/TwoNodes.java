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
    Node a;
    Node b;

    /** @param settings for both nodes, on top of the test defaults ({@code "plaintext": true}, say) */
    TwoNodes(Path data, Map<String, Object> settings) throws Exception {
        this.data = data;
        this.settings = settings;
        a = startA(0, 0);
        b = startB(0);
    }

    Node startA(int port, int s2sPort) throws Exception {
        a = start("node-a", Map.of("port", port, "s2sPort", s2sPort), "node-b");
        return a;
    }

    Node startB(int port) throws Exception {
        b = start("node-b", Map.of("port", port, "peers", List.of("127.0.0.1:" + a.s2sPort())), "node-a");
        return b;
    }

    private Node start(String name, Map<String, Object> more, String trusted) throws Exception {
        Map<String, Object> all = new HashMap<>(settings);
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
