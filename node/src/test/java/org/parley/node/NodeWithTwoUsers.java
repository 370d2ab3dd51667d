package org.parley.node;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Map;
import org.parley.protocol.message.PresenceNotice;

/**
 * A node with alice and bob logged in over TCP: the bystanders of a hostile-input test, who must
 * keep chatting whatever an intruder does.
 */
final class NodeWithTwoUsers implements AutoCloseable {

    private final NodeFixture nodes = new NodeFixture();
    final Node node;
    final TestClient alice;
    final TestClient bob;

    NodeWithTwoUsers(Vertx vertx, Path dataDir, Map<String, Object> settings) throws Exception {
        node = nodes.start(vertx, dataDir, settings);
        alice = TestClient.login(node.port(), "alice");
        // alice and bob have not talked yet: alice asks about bob to hear when he is in.
        alice.watch("bob");
        bob = TestClient.login(node.port(), "bob");
        alice.awaitType(PresenceNotice.class);
    }

    /** alice writes to bob, who gets it, and alice hears it was accepted. */
    void assertStillChat(String when) throws Exception {
        TestClient.assertChat(alice, bob, when);
    }

    @Override
    public void close() throws Exception {
        alice.close();
        bob.close();
        nodes.stopAll();
    }
}
