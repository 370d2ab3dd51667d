package org.parley.node.media;

import java.util.List;

/**
 * Whether a video's renditions were cut at the same keyframes: the same number of segments, each
 * starting at the same time within a frame. Only then may a stream switch rendition between
 * segments (the mixed mode), because a switch is clean only at a keyframe both share.
 */
public final class Alignment {

    private Alignment() {
    }

    /** @param frameMillis how far apart two starts may be and still be the same keyframe */
    public static boolean aligned(List<Rendition> renditions, long frameMillis) {
        return alignedStarts(renditions.stream().map(r -> r.segments().stream().map(Segment::startMillis).toList())
                .toList(), frameMillis);
    }

    /** The same, for each rendition's segment start times. */
    public static boolean alignedStarts(List<List<Long>> starts, long frameMillis) {
        if (starts.isEmpty()) {
            return false;
        }
        List<Long> first = starts.get(0);
        for (List<Long> other : starts.subList(1, starts.size())) {
            if (other.size() != first.size()) {
                return false;
            }
            for (int i = 0; i < first.size(); i++) {
                if (Math.abs(other.get(i) - first.get(i)) >= frameMillis) {
                    return false;
                }
            }
        }
        return true;
    }
}
