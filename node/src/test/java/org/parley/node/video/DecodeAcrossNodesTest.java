package org.parley.node.video;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.node.Cluster;
import org.parley.node.ClusterTest;
import org.parley.node.Node;
import org.parley.node.TestClient;
import org.parley.node.media.DecodedVideo;
import org.parley.node.media.Resolution;
import org.parley.node.media.TestClips;
import org.parley.protocol.message.Watch;

/**
 * Real video, streamed from node-a's library to a viewer on node-b and decoded as a player would
 * (FFmpeg through JavaCV): each resolution decodes whole, as its source does; the mixed mode has
 * every resolution in equal proportion and decodes cleanly; a start position begins at the keyframe
 * at or before it.
 */
class DecodeAcrossNodesTest extends ClusterTest {

    private static final long FRAMES_PER_SEGMENT = (long) TestClips.FRAME_RATE * TestClips.SEGMENT_SECONDS;

    private List<Path> sources;
    private Node viewers;

    @BeforeEach
    void aClipOnNodeA() throws Exception {
        Path media = root.resolve("media-a");
        sources = TestClips.write(media, "clip");
        Node a = cluster.start("node-a", Map.of("media", Map.of("mediaDir", media.toString(),
                "segmentSeconds", TestClips.SEGMENT_SECONDS)));
        viewers = cluster.start("node-b", a.s2sPort());
        cluster.awaitConverged(List.of());
        await().atMost(Cluster.CONVERGE).until(() -> a.videoLibrary().video("clip").isPresent());
    }

    @Test
    void eachResolutionStreamedAcrossTwoNodesDecodesAsItsSource() throws Exception {
        try (TestClient bob = TestClient.login(viewers.port(), "bob")) {
            for (int i = 0; i < TestClips.LADDER.size(); i++) {
                Resolution resolution = TestClips.LADDER.get(i);
                Viewer viewer = Viewer.watch(bob, new Watch("w" + i, "clip@node-a", resolution.toString(), null, null,
                        null));
                assertTrue(viewer.end.complete(), () -> "stream of " + resolution + ": " + viewer.end);

                DecodedVideo source = DecodedVideo.of(sources.get(i));
                DecodedVideo watched = DecodedVideo.ofTransportStream(received(viewer));

                assertEquals(TestClips.FRAMES, source.frames());
                assertEquals(source.frames(), watched.frames(), resolution.toString());
                assertEquals(source.durationMillis(), watched.durationMillis(), resolution.toString());
                assertEquals(List.of(resolution.height()), List.copyOf(watched.framesByHeight().keySet()));
                assertEquals(List.of(), watched.errors());
            }
        }
    }

    @Test
    void theMixedModeHasEveryResolutionInEqualProportionAndDecodes() throws Exception {
        try (TestClient bob = TestClient.login(viewers.port(), "bob")) {
            Viewer viewer = Viewer.watch(bob, new Watch("mixed", "clip@node-a", null, true, null, null));
            assertTrue(viewer.end.complete());

            DecodedVideo mixed = DecodedVideo.ofTransportStream(received(viewer));

            assertEquals(List.of(), mixed.errors());
            assertEquals(TestClips.FRAMES, mixed.frames());
            // Segment i from rendition i mod 3: each segment's pictures in its rendition's height, so
            // each height has a segment's worth of pictures per segment it was given: within one segment
            List<Integer> expected = new java.util.ArrayList<>();
            for (String resolution : viewer.resolutions) {
                for (long frame = 0; frame < FRAMES_PER_SEGMENT; frame++) {
                    expected.add(Resolution.parse(resolution).height());
                }
            }
            assertEquals(expected, mixed.heights());
            assertEquals(List.of("96p", "144p", "216p", "96p"), viewer.resolutions);
        }
    }

    @Test
    void aStartPositionBeginsAtTheKeyframeAtOrBeforeIt() throws Exception {
        String resolution = TestClips.LADDER.get(1).toString();
        try (TestClient bob = TestClient.login(viewers.port(), "bob")) {
            Viewer whole = Viewer.watch(bob, new Watch("whole", "clip@node-a", resolution, null, null, null));

            // WHEN bob starts at 2.5 s
            Viewer started = Viewer.watch(bob, new Watch("start", "clip@node-a", resolution, null, 2500L, null));

            // THEN the stream begins with the keyframe at 2 s, and plays from there to the end
            assertEquals(2, started.watching.firstSegment());
            assertEquals(2000, started.watching.startMillis());
            DecodedVideo fromStart = DecodedVideo.ofTransportStream(received(started));
            DecodedVideo all = DecodedVideo.ofTransportStream(received(whole));
            assertTrue(fromStart.firstIsKey());
            assertEquals(2000, fromStart.firstMillis() - all.firstMillis());
            assertEquals(2 * FRAMES_PER_SEGMENT, fromStart.frames());
            assertEquals(List.of(), fromStart.errors());
        }
    }

    /** What the client would write to its output: the segments it got whole, in order. */
    private static byte[] received(Viewer viewer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        viewer.whole.values().forEach(out::writeBytes);
        return out.toByteArray();
    }
}
