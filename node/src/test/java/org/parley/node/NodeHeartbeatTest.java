package org.parley.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.Ping;
import org.parley.protocol.message.Pong;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.PresenceNotice;

@ExtendWith(VertxExtension.class)
class NodeHeartbeatTest {

    @TempDir
    Path dataDir;

    private final List<Node> started = new ArrayList<>();

    /** A node on port 0 in this test's folder, stopped after the test (or by the test, to restart it). */
    private Node startNode(Vertx vertx, Map<String, Object> settings) throws Exception {
        Node node = NodeFixture.start(vertx, dataDir, settings);
        started.add(node);
        return node;
    }

    @AfterEach
    void stopNodes() throws Exception {
        for (Node node : started) {
            node.stop().toCompletionStage().toCompletableFuture().get();
        }
    }

    @Test
    void aClientThatStopsAnsweringIsDroppedAndAnnouncedGone(Vertx vertx) throws Exception {
        Node node = startNode(vertx, Map.of("heartbeatSeconds", 1));
        try (TestClient alice = TestClient.login(node.port(), "alice");
             TestClient bob = TestClient.login(node.port(), "bob")) {
            alice.awaitType(PresenceNotice.class);

            bob.stopAnsweringPings();

            ErrorFrame error = bob.awaitType(ErrorFrame.class);
            assertEquals(ErrorCode.TIMEOUT, error.code());
            assertTrue(error.message().startsWith("no heartbeat"), error.message());
            assertTrue(bob.awaitClosed());
            assertEquals(new PresenceNotice("bob@test", Presence.OFFLINE, "timeout"), alice.awaitType(PresenceNotice.class));
        }
    }

    @Test
    void theNodePingsAndAnswersPings(Vertx vertx) throws Exception {
        Node node = startNode(vertx, Map.of("heartbeatSeconds", 1));
        try (TestClient alice = TestClient.connect(node.port())) {
            alice.showPings();
            alice.loginAs("alice", null);

            assertInstanceOf(Ping.class, alice.awaitType(Ping.class));
            alice.send(new Ping());
            assertInstanceOf(Pong.class, alice.awaitType(Pong.class));
        }
    }
}
