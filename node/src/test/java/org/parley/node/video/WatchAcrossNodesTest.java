package org.parley.node.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.node.Node;
import org.parley.node.TestClient;
import org.parley.node.media.Resolution;
import org.parley.node.media.Video;
import org.parley.node.media.WatchPlan;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.Watch;

/**
 * Watching a video of another node: the viewer's node asks the holder, which streams the planned
 * segments across the link (or through a node between them), byte for byte, in order; what cannot
 * be watched is refused with the code that says why, and the connection goes on.
 */
class WatchAcrossNodesTest extends org.parley.node.ClusterTest {

    private ByteLibrary library;
    private Video lecture;

    private Node twoNodes() throws Exception {
        library = new ByteLibrary(root.resolve("library-a"));
        lecture = library.add("lecture", 6, 700_000, "240p", "480p", "720p");
        library.add("shaky", 3, 2000, false, "240p", "480p");
        cluster.library("node-a", library);
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        cluster.awaitConverged(List.of());
        return b;
    }

    @Test
    void eachResolutionStreamedAcrossTwoNodesArrivesAsThePlannedSegments() throws Exception {
        Node b = twoNodes();
        try (TestClient bob = TestClient.login(b.port(), "bob")) {
            for (String resolution : List.of("240p", "480p", "720p")) {
                Viewer viewer = Viewer.watch(bob, new Watch("w-" + resolution, "lecture@node-a", resolution, null,
                        null, null));

                assertNull(viewer.refused, () -> "refused: " + viewer.refused);
                assertEquals("lecture@node-a", viewer.watching.video());
                assertEquals(List.of(resolution), viewer.watching.resolutions());
                assertEquals(6, viewer.watching.segments());
                assertEquals(0, viewer.watching.firstSegment());
                viewer.assertReceived(WatchPlan.of(lecture, Resolution.parse(resolution), false, 0, null));
                assertTrue(viewer.end.complete());
                assertEquals(6, viewer.end.nextSegment());
            }
            TestClient.assertChat(bob, bob, "after three streams");
        }
    }

    @Test
    void theMixedModeTakesEachSegmentFromTheNextRenditionInTurn() throws Exception {
        Node b = twoNodes();
        try (TestClient bob = TestClient.login(b.port(), "bob")) {
            Viewer viewer = Viewer.watch(bob, new Watch("mixed", "lecture@node-a", null, true, null, null));

            assertEquals(List.of("240p", "480p", "720p"), viewer.watching.resolutions());
            viewer.assertReceived(WatchPlan.of(lecture, null, true, 0, null));
            assertEquals(List.of("240p", "480p", "720p", "240p", "480p", "720p"), viewer.resolutions);
            assertTrue(viewer.end.complete());
        }
    }

    @Test
    void aStartPositionBeginsAtTheSegmentHoldingItAndAResumeAtTheSegmentNamed() throws Exception {
        Node b = twoNodes();
        try (TestClient bob = TestClient.login(b.port(), "bob")) {
            // 5.1 s lies in segment 2, which starts at 4 s
            Viewer started = Viewer.watch(bob, new Watch("start", "lecture@node-a", "480p", null, 5100L, null));
            assertEquals(2, started.watching.firstSegment());
            assertEquals(4000, started.watching.startMillis());
            started.assertReceived(WatchPlan.of(lecture, Resolution.parse("480p"), false, 5100, null));

            Viewer resumed = Viewer.watch(bob, new Watch("resume", "lecture@node-a", null, true, null, 4));
            assertEquals(4, resumed.watching.firstSegment());
            resumed.assertReceived(WatchPlan.of(lecture, null, true, 0, 4));
            assertTrue(resumed.end.complete());
            assertEquals(6, resumed.end.nextSegment());
        }
    }

    @Test
    void aVideoOfTheViewersOwnNodeIsServedThere() throws Exception {
        twoNodes();
        try (TestClient alice = TestClient.login(cluster.node("node-a").port(), "alice")) {
            Viewer viewer = Viewer.watch(alice, new Watch("own", "lecture", "720p", null, null, null));
            assertEquals("lecture@node-a", viewer.watching.video());
            viewer.assertReceived(WatchPlan.of(lecture, Resolution.parse("720p"), false, 0, null));
            assertTrue(viewer.end.complete());
        }
    }

    @Test
    void aStreamCrossesANodeBetweenTheHolderAndTheViewer() throws Exception {
        // GIVEN node-a - node-b - node-c in a line, the video on node-a, the viewer on node-c
        library = new ByteLibrary(root.resolve("library-a"));
        lecture = library.add("lecture", 5, 1_500_000, "240p", "480p");
        cluster.library("node-a", library);
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        Node c = cluster.start("node-c", b.s2sPort());
        cluster.awaitConverged(List.of());
        try (TestClient carol = TestClient.login(c.port(), "carol")) {
            // WHEN carol watches it
            Viewer viewer = Viewer.watch(carol, new Watch("far", "lecture@node-a", null, true, null, null));

            // THEN node-b relays it, and it arrives as planned
            viewer.assertReceived(WatchPlan.of(lecture, null, true, 0, null));
            assertTrue(viewer.end.complete());
        }
    }

    @Test
    void whatCannotBeWatchedIsRefusedWithTheCodeThatSaysWhy() throws Exception {
        Node b = twoNodes();
        try (TestClient bob = TestClient.login(b.port(), "bob")) {
            assertRefused(bob, new Watch("r1", "nothing@node-a", null, null, null, null), ErrorCode.UNKNOWN_VIDEO);
            assertRefused(bob, new Watch("r2", "lecture@node-a", "1080p", null, null, null),
                    ErrorCode.UNKNOWN_RESOLUTION);
            assertRefused(bob, new Watch("r3", "shaky@node-a", null, true, null, null), ErrorCode.UNKNOWN_RESOLUTION);
            assertRefused(bob, new Watch("r4", "lecture@node-x", null, null, null, null), ErrorCode.NODE_UNREACHABLE);
            assertRefused(bob, new Watch("r5", "lecture@node-a", "480", null, null, null), ErrorCode.BAD_REQUEST);
            assertRefused(bob, new Watch("r6", "lecture@node-a", "480p", true, null, null), ErrorCode.BAD_REQUEST);
            assertRefused(bob, new Watch("r7", "lecture@node-a", null, null, 999_000L, null), ErrorCode.BAD_REQUEST);
            TestClient.assertChat(bob, bob, "after the refusals");
        }
    }

    @Test
    void namesThatCouldLeaveTheLibraryAreRefused() throws Exception {
        Node b = twoNodes();
        try (TestClient bob = TestClient.login(b.port(), "bob");
             TestClient alice = TestClient.login(cluster.node("node-a").port(), "alice")) {
            int n = 0;
            for (String name : List.of("../lecture@node-a", "..@node-a", "/etc/passwd@node-a", "a/../lecture@node-a",
                    ".hidden@node-a", "lecture/..@node-a", "C:\\lecture@node-a", "%2e%2e@node-a")) {
                assertRefused(bob, new Watch("n" + n++, name, null, null, null, null), ErrorCode.UNKNOWN_VIDEO);
                assertRefused(alice, new Watch("n" + n++, name, null, null, null, null), ErrorCode.UNKNOWN_VIDEO);
            }
            assertRefused(alice, new Watch("n-abs", "/etc/passwd", null, null, null, null), ErrorCode.UNKNOWN_VIDEO);
            TestClient.assertChat(bob, bob, "after the refusals");
        }
    }

    @Test
    void aHolderThatIsDownIsUnreachable() throws Exception {
        Node b = twoNodes();
        cluster.stop("node-a");
        try (TestClient bob = TestClient.login(b.port(), "bob")) {
            org.awaitility.Awaitility.await().atMost(org.parley.node.Cluster.CONVERGE)
                    .until(() -> !b.federation().reaches("node-a"));
            assertRefused(bob, new Watch("down", "lecture@node-a", null, null, null, null), ErrorCode.NODE_UNREACHABLE);
        }
    }

    private static void assertRefused(TestClient client, Watch watch, ErrorCode code) throws Exception {
        Viewer viewer = Viewer.start(client, watch);
        assertEquals(code, viewer.refused == null ? null : viewer.refused.code(),
                () -> watch.video() + ": " + viewer.refused + " " + viewer.watching);
    }
}
