package org.parley.node.video;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.parley.node.ClusterTest;
import org.parley.node.Node;
import org.parley.node.TestClient;
import org.parley.node.media.Resolution;
import org.parley.node.media.Video;
import org.parley.node.media.WatchPlan;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.Watch;

/**
 * A viewer that stops reading holds up its own stream only: its node writes to it only while its
 * connection has room and settles nothing more, the holder stops reading the video from disk, and
 * both nodes hold at most a window of the stream, while another viewer's stream and chat go on. The
 * slow viewer is not disconnected, and gets the rest once it reads again.
 */
class SlowViewerTest extends ClusterTest {

    @Test
    void aViewerThatStopsReadingHoldsUpOnlyItsOwnStream() throws Exception {
        // GIVEN a long video and a short one on node-a, viewers on node-b
        ByteLibrary library = new ByteLibrary(root.resolve("library-a"));
        Video film = library.add("film", 40, 1_200_000, "480p");
        Video clip = library.add("clip", 6, 700_000, "240p");
        cluster.library("node-a", library);
        Node b = cluster.start("node-b");
        Node a = cluster.start("node-a", b.s2sPort());
        try (TestClient bob = TestClient.login(b.port(), "bob");
             TestClient carol = TestClient.login(b.port(), "carol");
             TestClient dave = TestClient.login(a.port(), "dave")) {
            cluster.awaitConverged(List.of("bob@node-b", "carol@node-b", "dave@node-a"));
            long window = a.federation().bulk().windowBytes();
            Peak peak = Peak.watch(a, b);

            // WHEN bob starts the long video and stops reading
            Viewer slow = Viewer.start(bob, new Watch("film", "film@node-a", null, null, null, null));
            assertNull(slow.refused);
            bob.pauseReading();

            // THEN carol's stream of the short one comes whole, and chat crosses both ways
            Viewer fast = Viewer.watch(carol, new Watch("clip", "clip@node-a", null, null, null, null));
            fast.assertReceived(WatchPlan.of(clip, null, false, 0, null));
            assertTrue(fast.end.complete());
            assertChatCrosses(dave, carol, "carol@node-b");
            assertChatCrosses(carol, dave, "dave@node-a");

            // AND neither node ever held more than a window per stream, nor holds more than one for bob's now
            assertTrue(peak.max() <= 2 * window, "a node held " + peak.max() + " bytes of two streams");
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() ->
                    a.federation().bulk().bufferedBytes() <= window && b.federation().bulk().bufferedBytes() <= window);
            assertTrue(b.federation().bulk().bufferedBytes() > 0, "bob's stream waits at node-b, unfinished");
            assertTrue(!bob.closed(), "bob was not disconnected");
            peak.stop();

            // AND once bob reads again, the rest of his stream comes, whole
            bob.resumeReading();
            slow.readToEnd(bob);
            slow.assertReceived(WatchPlan.of(film, Resolution.parse("480p"), false, 0, null));
            assertTrue(slow.end.complete());
            assertEquals(0, a.federation().bulk().bufferedBytes());
        }
    }

    private static void assertChatCrosses(TestClient from, TestClient to, String address) throws Exception {
        String id = "chat-" + System.nanoTime();
        from.send(new Send(id, address), "while bob does not read".getBytes(StandardCharsets.UTF_8));
        assertEquals(id, to.awaitType(Delivery.class).id());
        assertEquals(id, from.awaitType(Accepted.class).id());
    }

    /** The most either node held for bulk streams, sampled from a thread of its own until stopped. */
    private static final class Peak {
        private final AtomicLong max = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);

        static Peak watch(Node... nodes) {
            Peak peak = new Peak();
            Thread sampler = new Thread(() -> {
                while (peak.running.get()) {
                    for (Node node : nodes) {
                        peak.max.accumulateAndGet(node.federation().bulk().bufferedBytes(), Math::max);
                    }
                    LockSupport.parkNanos(200_000); // a sample every 0.2 ms: the figures move no faster

                }
            }, "buffered-bytes-sampler");
            sampler.setDaemon(true);
            sampler.start();
            return peak;
        }

        long max() {
            return max.get();
        }

        void stop() {
            running.set(false);
        }
    }
}
