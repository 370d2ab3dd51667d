package org.parley.node.video;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.node.Cluster;
import org.parley.node.ClusterTest;
import org.parley.node.Node;
import org.parley.node.TestClient;
import org.parley.node.media.Resolution;
import org.parley.node.media.Video;
import org.parley.node.media.WatchPlan;
import org.parley.protocol.message.Watch;

/**
 * The holder restarts in the middle of a stream: the viewer gets what had reached its node, then
 * {@code video-end} not complete, naming the first segment it did not get whole; watching again from
 * that segment, once the holder is back, completes the video, with nothing missing and nothing twice.
 */
class HolderRestartTest extends ClusterTest {

    @Test
    void afterTheHolderRestartsMidStreamTheViewerResumesFromTheNextSegment() throws Exception {
        // GIVEN node-a holds a long video and dials node-b, where bob watches it
        ByteLibrary library = new ByteLibrary(root.resolve("library-a"));
        Video film = library.add("film", 30, 1_200_000, "240p", "480p");
        cluster.library("node-a", library);
        Node b = cluster.start("node-b");
        cluster.start("node-a", b.s2sPort());
        cluster.awaitConverged(List.of());
        try (TestClient bob = TestClient.login(b.port(), "bob")) {
            Viewer first = Viewer.start(bob, new Watch("film", "film@node-a", "480p", null, null, null));
            assertNull(first.refused);
            bob.pauseReading();

            // WHEN node-a stops mid-stream, and bob reads what reached node-b
            cluster.stop("node-a");
            bob.resumeReading();
            first.readToEnd(bob);

            // THEN the stream ended incomplete, at the first segment he did not get whole
            assertFalse(first.end.complete());
            assertNotNull(first.end.reason());
            int next = first.end.nextSegment();
            assertTrue(next < 30, "the stream broke before its end: next segment " + next);
            assertEquals(next, first.whole.size(), "every segment before the next came whole");

            // WHEN node-a is back and bob watches again from there
            cluster.start("node-a", b.s2sPort());
            await().atMost(Cluster.CONVERGE).until(() -> b.federation().reaches("node-a"));
            Viewer second = Viewer.watch(bob, new Watch("film-2", "film@node-a", "480p", null, null, next));

            // THEN the rest comes, and the two make the whole video
            assertEquals(next, second.watching.firstSegment());
            assertTrue(second.end.complete());
            WatchPlan whole = WatchPlan.of(film, Resolution.parse("480p"), false, 0, null);
            for (WatchPlan.Planned planned : whole.segments()) {
                int index = planned.segment().index();
                byte[] got = index < next ? first.whole.get(index) : second.whole.get(index);
                assertArrayEquals(Viewer.bytesOf(planned), got, "segment " + index);
            }
            assertEquals(30 - next, second.whole.size());
        }
    }
}
