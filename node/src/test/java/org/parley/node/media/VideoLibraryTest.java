package org.parley.node.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A media folder of test clips, probed and cut into MPEG-TS segments as a node serves them. */
class VideoLibraryTest {

    private static final long FRAMES_PER_SEGMENT = (long) TestClips.FRAME_RATE * TestClips.SEGMENT_SECONDS;

    @TempDir
    static Path media;
    @TempDir
    static Path data;

    private static final LibraryFixture LIBRARIES = new LibraryFixture();
    private static List<Path> sources;
    private static Video clip;

    @BeforeAll
    static void cutTheClips() throws Exception {
        sources = TestClips.write(media, "clip");
        clip = LIBRARIES.open(media, data).video("clip").orElseThrow();
    }

    @AfterAll
    static void closeLibrary() {
        LIBRARIES.close();
    }

    @Test
    void probesEveryRenditionAndCutsItAtItsKeyframes() {
        // GIVEN a clip in three resolutions; WHEN the library has scanned the folder
        // THEN it has each, lowest first, probed and cut at every keyframe
        assertEquals(TestClips.LADDER, clip.renditions().stream().map(Rendition::resolution).toList());
        for (Rendition rendition : clip.renditions()) {
            assertEquals("h264", rendition.codec());
            assertEquals(rendition.resolution().height(), rendition.height());
            assertEquals(TestClips.SECONDS * 1000L, rendition.durationMillis());
            assertTrue(rendition.bitrate() > 0);
            assertEquals(List.of(0L, 1000L, 2000L, 3000L),
                    rendition.segments().stream().map(Segment::startMillis).toList());
            assertEquals(List.of(1000L, 1000L, 1000L, 1000L),
                    rendition.segments().stream().map(Segment::durationMillis).toList());
        }
        assertTrue(clip.aligned());
    }

    @Test
    void eachRenditionsSegmentsTogetherDecodeAsItsSource() throws Exception {
        for (int i = 0; i < sources.size(); i++) {
            DecodedVideo source = DecodedVideo.of(sources.get(i));

            DecodedVideo segments = DecodedVideo.ofTransportStream(concatenated(clip.renditions().get(i).segments()));

            assertEquals(TestClips.FRAMES, source.frames());
            assertEquals(source.frames(), segments.frames(), sources.get(i).toString());
            assertEquals(source.durationMillis(), segments.durationMillis(), sources.get(i).toString());
            assertEquals(List.of(), segments.errors());
        }
    }

    @Test
    void everySegmentStartsWithAKeyframeAndDecodesAlone() throws Exception {
        for (Rendition rendition : clip.renditions()) {
            for (Segment segment : rendition.segments()) {
                byte[] bytes = Files.readAllBytes(segment.file());
                assertEquals(segment.bytes(), bytes.length);
                assertEquals((byte) 0x47, bytes[0], "MPEG-TS sync byte");

                DecodedVideo alone = DecodedVideo.ofTransportStream(bytes);

                assertTrue(alone.firstIsKey(), segment.file() + " starts with a keyframe");
                assertEquals(FRAMES_PER_SEGMENT, alone.frames(), segment.file().toString());
                assertEquals(List.of(), alone.errors());
            }
        }
    }

    @Test
    void aStartPositionBeginsAtTheKeyframeAtOrBeforeIt() throws Exception {
        // WHEN a viewer starts at 2.5 s
        WatchPlan plan = WatchPlan.of(clip, TestClips.LADDER.get(1), false, 2500, null);

        // THEN the stream begins with the segment of the keyframe at 2 s
        assertEquals(2, plan.firstSegment());
        DecodedVideo watched = DecodedVideo.ofTransportStream(concatenated(planned(plan)));
        DecodedVideo whole = DecodedVideo.ofTransportStream(concatenated(clip.renditions().get(1).segments()));
        assertTrue(watched.firstIsKey());
        assertEquals(2000, watched.firstMillis() - whole.firstMillis());
        assertEquals(2 * FRAMES_PER_SEGMENT, watched.frames());
    }

    @Test
    void theMixedModeHasEveryResolutionInEqualProportionAndDecodesCleanly() throws Exception {
        WatchPlan plan = WatchPlan.of(clip, null, true, 0, null);

        DecodedVideo mixed = DecodedVideo.ofTransportStream(concatenated(planned(plan)));

        assertEquals(List.of(), mixed.errors());
        assertEquals(TestClips.FRAMES, mixed.frames());
        assertEquals(TestClips.LADDER.stream().map(Resolution::height).toList(),
                List.copyOf(mixed.framesByHeight().keySet()));
        long most = mixed.framesByHeight().values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long least = mixed.framesByHeight().values().stream().mapToLong(Long::longValue).min().orElseThrow();
        assertTrue(most - least <= FRAMES_PER_SEGMENT, "frames by height " + mixed.framesByHeight());
        // Segment i comes from rendition i mod 3: the picture changes size at segment boundaries only.
        for (int i = 0; i < mixed.heights().size(); i++) {
            int segment = (int) (i / FRAMES_PER_SEGMENT);
            assertEquals(TestClips.LADDER.get(segment % 3).height(), mixed.heights().get(i), "frame " + i);
        }
    }

    static List<Segment> planned(WatchPlan plan) {
        return plan.segments().stream().map(WatchPlan.Planned::segment).toList();
    }

    static byte[] concatenated(List<Segment> segments) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Segment segment : segments) {
            all.write(Files.readAllBytes(segment.file()));
        }
        return all.toByteArray();
    }
}
