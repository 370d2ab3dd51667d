package org.parley.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.net.NodeSession;
import org.parley.client.net.NodeTrust;
import org.parley.node.Node;
import org.parley.protocol.crypto.IdentityKeys;

/**
 * A client that holds reading (a player takes a video at the pace it plays, and the segments wait
 * for it) does not read the node's pings meanwhile: it keeps its session by saying it is alive,
 * for as long as it holds reading, past the three silent heartbeats after which a node ends one.
 */
class HeldReadingTest {

    @TempDir
    Path data;

    @Test
    void aSessionThatHoldsReadingLongerThanThreeHeartbeatsIsKept() throws Exception {
        Vertx vertx = Vertx.vertx();
        Node node = TestNodes.start(vertx, Map.of("name", "node-a", "dataDir", data.toString(), "plaintext", true,
                "heartbeatSeconds", 1));
        try {
            NodeSession session = NodeSession.open(vertx, "127.0.0.1", node.port(), NodeTrust.PLAINTEXT, "hold",
                    IdentityKeys.generate(new SecureRandom()), null).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);

            session.pauseReading();
            // Five heartbeats: the node ends a session silent for three.
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7))
                    .until(() -> !session.closedFuture().isComplete());
            session.resumeReading();

            session.who().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertFalse(session.closedFuture().isComplete(), session.closeReason());
            session.close();
        } finally {
            TestNodes.stop(vertx, List.of(node));
        }
    }
}
