package org.parley.protocol.message;

import java.util.List;

/**
 * Stream {@code id} has begun: the node holding the video accepted it and segments follow.
 *
 * @param resolutions  the rendition streamed, or for the mixed mode every rendition, in the order
 *                     the segments take them
 * @param segments     how many segments the video has in all
 * @param firstSegment the first segment that will come (from 0)
 * @param startMillis  where that segment begins in the video
 */
public record Watching(String id, String video, List<String> resolutions, long durationMillis, int segments,
                       int firstSegment, long startMillis) implements ServerMessage {

    public Watching {
        resolutions = List.copyOf(resolutions);
    }
}
