package org.parley.node.media;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a rendition is cut into segments: at its first keyframe, then at every keyframe that comes
 * at least the target length after the last cut. Renditions whose keyframes line up are therefore
 * cut at the same places, whatever other keyframes one of them has in between.
 */
public final class SegmentCuts {

    /** Slack for timestamps rounded to their ticks: a keyframe this close to the target length counts. */
    private static final long SLACK_MILLIS = 1;

    private SegmentCuts() {
    }

    /**
     * The keyframes (of {@code probe}, in ticks) where segments begin, the first keyframe first.
     *
     * @param segmentMillis the target length of a segment
     */
    public static List<Long> of(Probe probe, long segmentMillis) {
        List<Long> cuts = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (long keyframe : probe.keyframes()) {
            if (cuts.isEmpty() || probe.millis(keyframe) - probe.millis(last) >= segmentMillis - SLACK_MILLIS) {
                cuts.add(keyframe);
                last = keyframe;
            }
        }
        return cuts;
    }
}
