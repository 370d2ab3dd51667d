package org.parley.node.media;

import java.nio.file.Path;

/**
 * One MPEG-TS file of a rendition, cut at a keyframe so that it decodes on its own (the parameter
 * sets come again at its start) and plays on from the segment before it, of this rendition or of
 * another cut at the same keyframe.
 *
 * @param index       its place in the rendition, from 0
 * @param startMillis where it begins in the video (its first keyframe's time)
 * @param file        the cached MPEG-TS file in the node's data folder
 */
public record Segment(int index, long startMillis, long durationMillis, Path file, long bytes) {
}
