package org.parley.node.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where renditions are cut: at keyframes a segment's length apart, whatever lies between. */
class SegmentCutsTest {

    /** A probe at 1/1000 s ticks with keyframes at {@code keyframes} ms, starting at {@code origin}. */
    private static Probe probe(long origin, Long... keyframes) {
        return new Probe("h264", 640, 360, 25, 100, 1, 1000, origin, List.of(keyframes), origin + 10_000, 1000, null);
    }

    @Test
    void cutsAtEveryKeyframeAtLeastASegmentAfterTheLastCut() {
        assertEquals(List.of(0L, 2000L, 4000L, 6000L), SegmentCuts.of(probe(0, 0L, 2000L, 4000L, 6000L), 2000));
    }

    @Test
    void keyframesInBetweenAreNotCuts() {
        // A scene change at 2.7 s in one rendition must not move its cuts away from its siblings'.
        assertEquals(List.of(0L, 2000L, 4000L), SegmentCuts.of(probe(0, 0L, 2000L, 2700L, 4000L), 2000));
    }

    @Test
    void keyframesSparserThanTheTargetMakeLongerSegments() {
        assertEquals(List.of(0L, 2500L, 5000L), SegmentCuts.of(probe(0, 0L, 1000L, 2500L, 3000L, 5000L), 2000));
    }

    @Test
    void timesCountFromTheFirstKeyframe() {
        Probe late = probe(1400, 1400L, 3400L, 5400L);
        assertEquals(List.of(1400L, 3400L, 5400L), SegmentCuts.of(late, 2000));
        assertEquals(2000, late.millis(3400));
    }

    @Test
    void aKeyframeAMillisecondShortOfTheTargetStillCounts() {
        // 29.97 fps keyframes every 60 frames land at 2002 ms; at 1/90000 s ticks rounding may lose a millisecond.
        assertEquals(List.of(0L, 1999L), SegmentCuts.of(probe(0, 0L, 1999L), 2000));
    }
}
