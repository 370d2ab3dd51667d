package org.parley.node.media;

import java.util.List;

/**
 * One resolution of a video as the library probed and rewrapped it: what it is and the segments it
 * was cut into.
 *
 * @param codec   the video codec, as FFmpeg names it
 * @param bitrate bits per second over the whole rendition
 */
public record Rendition(Resolution resolution, int width, int height, String codec, long durationMillis,
                        long bitrate, List<Segment> segments) {

    public Rendition {
        segments = List.copyOf(segments);
    }

    /** The size of its segments together. */
    public long bytes() {
        return segments.stream().mapToLong(Segment::bytes).sum();
    }
}
