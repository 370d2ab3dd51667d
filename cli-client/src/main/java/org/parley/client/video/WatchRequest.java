package org.parley.client.video;

import org.parley.protocol.message.Watch;

/**
 * What the user asked to watch: a video's address ({@code name@node}), which of its renditions
 * (one resolution, the mixed mode, or the node's highest when neither is given), and where to
 * begin. Checked when made, so a request that cannot be right never reaches the node.
 *
 * @param resolution  the rendition ({@code 480p}), or null
 * @param startMillis where to begin, or null for the beginning
 */
public record WatchRequest(String video, String resolution, boolean mixed, Long startMillis) {

    public WatchRequest {
        int at = video == null ? -1 : video.indexOf('@');
        if (at <= 0 || at == video.length() - 1 || video.indexOf('@', at + 1) >= 0 || video.isBlank()
                || video.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a video is named NAME@NODE (lecture@node-b), not '" + video
                    + "'; parley videos lists them");
        }
        if (resolution != null && mixed) {
            throw new IllegalArgumentException("--resolution and --mixed do not go together: one rendition, or"
                    + " --mixed for segments of every rendition in turn");
        }
        if (resolution != null && resolution.isBlank()) {
            throw new IllegalArgumentException("--resolution needs a resolution, such as 480p");
        }
        if (startMillis != null && startMillis < 0) {
            throw new IllegalArgumentException("--start cannot be before the beginning");
        }
    }

    /** The part of the address before the {@code @}. */
    public String name() {
        return video.substring(0, video.indexOf('@'));
    }

    /**
     * The {@code watch} frame for stream {@code id}: from the requested start, or, resuming, from
     * segment {@code fromSegment} (which the node puts before the start).
     */
    Watch frame(String id, Integer fromSegment) {
        return new Watch(id, video, resolution, mixed ? Boolean.TRUE : null, fromSegment == null ? startMillis : null,
                fromSegment);
    }
}
