package org.parley.federation.gossip;

import java.util.List;
import org.parley.protocol.identity.Name;

/**
 * A video of a node's library, as the node advertises it for the network: what a viewer needs to
 * choose it (its renditions, duration, size) and nothing of where it lies on the node's disk.
 *
 * @param name           the video's name (the node is the entry's origin)
 * @param durationMillis how long it plays
 * @param segments       how many keyframe-aligned segments each rendition is cut into
 * @param mixed          whether its renditions share their keyframes, so that the mixed mode can take
 *                       segments from each in turn
 * @param renditions     its resolutions, lowest first
 */
public record VideoRecord(String name, long durationMillis, int segments, boolean mixed,
                          List<RenditionRecord> renditions) {

    /** The most renditions a record may list: more is a malformed (or hostile) entry. */
    public static final int MAX_RENDITIONS = 16;
    /**
     * The most segments a record may claim: 55 hours of 2 s segments. A viewer's node builds a playlist
     * line per segment from this count, so an unbounded one from a hostile peer would be an allocation
     * of its choosing.
     */
    public static final int MAX_SEGMENTS = 100_000;
    /** The shortest a segment may be on average, in milliseconds: a count far past the duration is made up. */
    public static final long MIN_SEGMENT_MILLIS = 100;

    public VideoRecord {
        renditions = renditions == null ? List.of() : List.copyOf(renditions);
    }

    /**
     * One resolution of a video.
     *
     * @param resolution its name, the picture height and {@code p} ({@code 480p})
     * @param codec      the video codec, as FFmpeg names it
     * @param bytes      the size of its segments together
     * @param bitrate    bits per second over the whole rendition
     */
    public record RenditionRecord(String resolution, int width, int height, String codec, long bytes, long bitrate) {
    }

    /** Null if the record is well formed, else what is wrong with it. */
    String problem() {
        if (!Name.isValid(name)) {
            return "video name '" + name + "' breaks the naming rule (" + Name.RULE + ")";
        }
        if (durationMillis < 0 || segments < 0) {
            return "video record " + name + " has a negative duration or segment count";
        }
        if (segments > MAX_SEGMENTS || (long) segments * MIN_SEGMENT_MILLIS > Math.max(durationMillis, MIN_SEGMENT_MILLIS)) {
            return "video record " + name + " claims " + segments + " segments for " + durationMillis + " ms (at most "
                    + MAX_SEGMENTS + ", each at least " + MIN_SEGMENT_MILLIS + " ms on average)";
        }
        if (renditions.isEmpty() || renditions.size() > MAX_RENDITIONS) {
            return "video record " + name + " lists " + renditions.size() + " renditions (1 to " + MAX_RENDITIONS
                    + ")";
        }
        for (RenditionRecord rendition : renditions) {
            if (rendition == null || rendition.resolution() == null || rendition.resolution().length() > 8
                    || rendition.codec() == null || rendition.codec().length() > 32) {
                return "video record " + name + " has a rendition without a resolution or codec of sensible length";
            }
        }
        return null;
    }
}
