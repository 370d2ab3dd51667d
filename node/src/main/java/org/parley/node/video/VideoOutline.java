package org.parley.node.video;

import java.util.List;

/**
 * What a player needs to lay a video out before fetching any of it: its renditions, lowest first, and
 * the length of each one's segments in order.
 *
 * @param exact whether the lengths are each segment's own (a video of this node's library) or the
 *              video's length shared evenly among its segments (another node's, which the directory
 *              lists by duration and segment count only; a player places each segment by its timestamps)
 */
public record VideoOutline(VideoAddress video, List<Variant> variants, boolean exact) {

    public VideoOutline {
        variants = List.copyOf(variants);
    }

    /**
     * One rendition.
     *
     * @param resolution    its name, {@code 480p}
     * @param bitrate       bits per second over the whole rendition
     * @param segmentMillis each segment's length, in order
     */
    public record Variant(String resolution, int width, int height, long bitrate, List<Long> segmentMillis) {

        public Variant {
            segmentMillis = List.copyOf(segmentMillis);
        }
    }
}
