package org.parley.node.video;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.parley.node.Cluster;
import org.parley.node.ClusterTest;
import org.parley.node.Node;
import org.parley.node.TestClient;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.Unwatch;
import org.parley.protocol.message.VideoEnd;
import org.parley.protocol.message.Watch;

/**
 * The limits on streams: per user and per node on the viewer's node, per node on the holder's. A
 * stream past one is refused with {@code TOO_MANY_STREAMS}; a stream gives its place back when its
 * viewer stops it or leaves, at both nodes. Streams are kept open by viewers that do not read (a
 * video far longer than what the sockets and the nodes hold).
 */
class StreamLimitsTest extends ClusterTest {

    private Node holder;
    private Node viewers;

    /** Node-a holds a long video, node-b has viewers; each node with its {@code media} limits. */
    private void start(Map<String, Object> atHolder, Map<String, Object> atViewers) throws Exception {
        ByteLibrary library = new ByteLibrary(root.resolve("library-a"));
        library.add("film", 40, 1_200_000, "480p");
        cluster.library("node-a", library);
        holder = cluster.start("node-a", Map.of("media", atHolder));
        viewers = cluster.start("node-b", Map.of("media", atViewers), holder.s2sPort());
        cluster.awaitConverged(List.of());
    }

    @Test
    void aUserPastTheirLimitIsRefusedUntilTheyStopAStreamOrLeave() throws Exception {
        start(Map.of(), Map.of("maxStreamsPerUser", 2));
        TestClient watching = TestClient.login(viewers.port(), "bob");
        try (TestClient other = TestClient.login(viewers.port(), "bob", watching.keys());
             TestClient third = TestClient.login(viewers.port(), "bob", watching.keys())) {
            // GIVEN bob watches two streams on one connection, which stops reading
            watchAndStall(watching, "w1", "w2");

            // WHEN he asks for a third, from another connection
            // THEN it is refused, and the connection goes on
            assertRefused(other, "w3", ErrorCode.TOO_MANY_STREAMS);

            // WHEN he stops one of the two, its place is given back
            watching.send(new Unwatch("w1"));
            assertTrue(awaitWatching(other, "again").watching != null);
            other.pauseReading();
            assertRefused(third, "w4", ErrorCode.TOO_MANY_STREAMS);

            // WHEN the stalled connection leaves, its other stream's place is given back too
            watching.close();
            assertTrue(awaitWatching(third, "more").watching != null);
        }
    }

    @Test
    void theViewersNodeRefusesPastItsOwnLimitWhoeverAsks() throws Exception {
        start(Map.of(), Map.of("maxStreams", 2));
        try (TestClient bob = TestClient.login(viewers.port(), "bob");
             TestClient carol = TestClient.login(viewers.port(), "carol")) {
            watchAndStall(bob, "w1", "w2");
            assertRefused(carol, "c1", ErrorCode.TOO_MANY_STREAMS);
        }
    }

    @Test
    void theHoldersNodeRefusesPastItsLimitAndCountsStreamsUntilTheyEnd() throws Exception {
        start(Map.of("maxStreams", 2), Map.of());
        TestClient bob = TestClient.login(viewers.port(), "bob");
        try (TestClient carol = TestClient.login(viewers.port(), "carol")) {
            watchAndStall(bob, "w1", "w2");

            Viewer refused = Viewer.start(carol, watch("c1"));
            assertEquals(ErrorCode.TOO_MANY_STREAMS, refused.refused.code());
            assertTrue(refused.refused.message().contains("node-a"), refused.refused.message());

            // bob leaves: node-b resets his streams, and node-a gives their places back
            bob.close();
            assertTrue(awaitWatching(carol, "c2").watching != null);
        }
    }

    @Test
    void anUnwatchAnswersWithTheEndOfTheStreamAndAnUnknownOneIsABadRequest() throws Exception {
        start(Map.of(), Map.of());
        try (TestClient bob = TestClient.login(viewers.port(), "bob")) {
            Viewer viewer = Viewer.start(bob, watch("w1"));
            assertNull(viewer.refused);
            bob.send(new Unwatch("w1"));
            VideoEnd end = bob.awaitType(VideoEnd.class);
            assertEquals("w1", end.id());
            assertTrue(end.complete(), "stopped on request, the stream is whole as far as it went");

            bob.send(new Unwatch("w1"));
            assertEquals(ErrorCode.BAD_REQUEST, bob.awaitType(org.parley.protocol.message.ErrorFrame.class).code());
        }
    }

    private static Watch watch(String id) {
        return new Watch(id, "film@node-a", null, null, null, null);
    }

    /** {@code client} starts each stream, then stops reading: the streams stay open. */
    private static void watchAndStall(TestClient client, String... ids) throws Exception {
        for (String id : ids) {
            Viewer viewer = Viewer.start(client, watch(id));
            assertNull(viewer.refused, () -> "refused: " + viewer.refused);
        }
        client.pauseReading();
    }

    private static void assertRefused(TestClient client, String id, ErrorCode code) throws Exception {
        Viewer viewer = Viewer.start(client, watch(id));
        assertEquals(code, viewer.refused == null ? null : viewer.refused.code());
    }

    /** Asks again (a new id each time) until a stream is granted: places come back as the nodes hear. */
    private static Viewer awaitWatching(TestClient client, String prefix) {
        AtomicInteger attempt = new AtomicInteger();
        Viewer[] granted = new Viewer[1];
        await().atMost(Cluster.CONVERGE).until(() -> {
            Viewer viewer = Viewer.start(client, watch(prefix + attempt.incrementAndGet()));
            if (viewer.refused != null) {
                assertEquals(ErrorCode.TOO_MANY_STREAMS, viewer.refused.code());
                return false;
            }
            granted[0] = viewer;
            return true;
        });
        return granted[0];
    }
}
