package org.parley.client.video;

import java.util.List;

/**
 * One whole segment of a stream, as its pieces came: MPEG-TS that starts at a keyframe, so a file
 * that ends after it plays to its end.
 *
 * @param startMillis where it begins in the video
 */
record Segment(int index, String resolution, long startMillis, List<byte[]> pieces, long bytes) {

    Segment {
        pieces = List.copyOf(pieces);
    }
}
