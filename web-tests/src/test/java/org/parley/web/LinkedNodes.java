package org.parley.web;

import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.parley.federation.link.NodeKeyFile;
import org.parley.node.Node;
import org.parley.node.config.NodeConfigLoader;
import org.parley.protocol.identity.UserAddress;

/** node-a and node-b, over TLS (the web port with each node's own certificate), on any free ports, linked. */
final class LinkedNodes implements AutoCloseable {

    final Vertx vertx = Vertx.vertx();
    final Node a;
    final Node b;

    LinkedNodes(Path data) throws Exception {
        this(data, Map.of());
    }

    /** @param forB settings of node-b's beyond the two nodes' own (its media folder, say) */
    LinkedNodes(Path data, Map<String, Object> forB) throws Exception {
        Map<String, String> fingerprints = Map.of(
                "node-a", NodeKeyFile.loadOrCreate(data.resolve("node-a"), "node-a").fingerprint(),
                "node-b", NodeKeyFile.loadOrCreate(data.resolve("node-b"), "node-b").fingerprint());
        a = start(data, "node-a", Map.of("peerFingerprints", Map.of("node-b", fingerprints.get("node-b"))));
        Map<String, Object> bSettings = new HashMap<>(forB);
        bSettings.putAll(Map.of("peerFingerprints", Map.of("node-a", fingerprints.get("node-a")),
                "peers", List.of("127.0.0.1:" + a.s2sPort())));
        b = start(data, "node-b", bSettings);
    }

    private Node start(Path data, String name, Map<String, Object> more) throws Exception {
        Map<String, Object> settings = new HashMap<>(Map.of("name", name, "host", "127.0.0.1", "port", 0,
                "s2sPort", 0, "webPort", 0, "eventLoops", 1, "redialMinMillis", 50, "redialMaxMillis", 400,
                "limits", "none", "dataDir", data.resolve(name).toString()));
        settings.putAll(more);
        return Node.start(vertx, NodeConfigLoader.of(settings).load()).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    /** Waits until both nodes know every one of {@code users} (full addresses), as gossip brings them. */
    void awaitKnown(String... users) {
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of(a, b).stream().allMatch(node ->
                List.of(users).stream().allMatch(user -> node.federation().directory()
                        .user(UserAddress.parse(user, node.name())).isPresent())));
    }

    @Override
    public void close() throws Exception {
        b.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        a.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
