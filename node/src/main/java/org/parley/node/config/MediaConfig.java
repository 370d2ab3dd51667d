package org.parley.node.config;

import java.nio.file.Path;

/**
 * The node's video library and the streams it serves.
 *
 * @param mediaDir          the folder of videos ({@code NAME_RESOLUTION.mp4}), null for no library
 * @param maxStreamsPerUser streams one user may watch at once, through this node
 * @param maxStreams        streams this node carries at once, for its viewers and from its library
 * @param segmentSeconds    the target length of the segments videos are cut into, at their keyframes
 */
public record MediaConfig(Path mediaDir, int maxStreamsPerUser, int maxStreams, int segmentSeconds) {

    /** The target segment length in milliseconds. */
    public long segmentMillis() {
        return segmentSeconds * 1000L;
    }
}
