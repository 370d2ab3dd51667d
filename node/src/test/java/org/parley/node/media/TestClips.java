package org.parley.node.media;

import java.nio.file.Path;
import java.util.List;
import org.parley.node.media.transcode.Ladder;
import org.parley.node.media.transcode.TestCard;
import org.parley.node.media.transcode.VideoImport;

/**
 * Makes short test videos in a media folder, as {@code parley-node media testcard} would: a moving
 * pattern in {@link #LADDER}, {@link #SECONDS} seconds at {@link #FRAME_RATE} frames per second,
 * with a keyframe every {@link #SEGMENT_SECONDS} in every rendition, so that a library cut at that
 * length gives {@link #SEGMENTS} aligned segments per rendition. Small pictures keep it quick (well
 * under a second here). Published in the node's test-jar for the other modules' tests.
 */
public final class TestClips {

    /** The three renditions of a clip. */
    public static final List<Resolution> LADDER = List.of(new Resolution(96), new Resolution(144), new Resolution(216));
    public static final int FRAME_RATE = 24;
    public static final int SECONDS = 4;
    /** Keyframe interval, and the {@code media.segmentSeconds} a node serving the clips should have. */
    public static final int SEGMENT_SECONDS = 1;
    public static final int SEGMENTS = SECONDS / SEGMENT_SECONDS;
    /** Pictures in each rendition of a clip. */
    public static final int FRAMES = SECONDS * FRAME_RATE;

    private TestClips() {
    }

    /** Writes clip {@code name} into {@code mediaDir} in {@link #LADDER}; returns its files, lowest first. */
    public static List<Path> write(Path mediaDir, String name) throws MediaException {
        return write(mediaDir, name, LADDER, SEGMENT_SECONDS * 1000L);
    }

    /**
     * Writes clip {@code name} in {@code resolutions} with a keyframe every {@code keyframeMillis}
     * (other than {@link #SEGMENT_SECONDS} for renditions that do not line up with the rest).
     */
    public static List<Path> write(Path mediaDir, String name, List<Resolution> resolutions, long keyframeMillis)
            throws MediaException {
        Ladder ladder = new Ladder(resolutions);
        try (TestCard card = new TestCard(ladder.highest().height(), FRAME_RATE, SECONDS)) {
            return VideoImport.run(card, name, ladder, null, keyframeMillis, mediaDir);
        }
    }
}
