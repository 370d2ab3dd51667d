package org.parley.node.video;

/**
 * How many videos may stream at once through this node.
 *
 * @param maxStreamsPerUser streams one user of this node may watch at once
 * @param maxStreams        streams this node carries at once, as the viewers' node (its users
 *                          watching) and as the holder (serving its library to other nodes' users)
 */
public record VideoLimits(int maxStreamsPerUser, int maxStreams) {

    /** Four streams per user, two hundred per node. */
    public static final VideoLimits DEFAULTS = new VideoLimits(4, 200);

    public VideoLimits {
        if (maxStreamsPerUser < 1 || maxStreams < 1) {
            throw new IllegalArgumentException("video stream limits must be at least 1: " + maxStreamsPerUser + ", "
                    + maxStreams);
        }
    }
}
