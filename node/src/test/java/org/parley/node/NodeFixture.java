package org.parley.node;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.parley.node.config.NodeConfigLoader;
import org.parley.node.login.PasswordHasher;

/**
 * Starts a real node on 127.0.0.1, port 0, with its store in a test folder.
 */
final class NodeFixture {

    /** Cheap Argon2id parameters: tests check the logic, not the cost. */
    static final PasswordHasher TEST_HASHER = new PasswordHasher(1024, 1, 1);

    private NodeFixture() {
    }

    static Node start(Vertx vertx, Path dataDir, Map<String, Object> overrides) throws Exception {
        Map<String, Object> settings = new HashMap<>(Map.of("name", "test", "host", "127.0.0.1", "port", 0,
                "s2sPort", 0, "dataDir", dataDir.toString(), "eventLoops", 2));
        settings.putAll(overrides);
        return Node.start(vertx, NodeConfigLoader.of(settings).load(), TEST_HASHER)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
