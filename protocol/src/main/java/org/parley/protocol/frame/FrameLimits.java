package org.parley.protocol.frame;

/**
 * Hard limits a decoder enforces before it allocates anything for a frame.
 *
 * @param maxFrameBytes  largest frame accepted, counted after the 4-byte length prefix
 * @param maxHeaderBytes largest JSON header accepted
 */
public record FrameLimits(int maxFrameBytes, int maxHeaderBytes) {

    /**
     * What a node accepts from a client before it has logged in: hello and login fit in a few KiB,
     * so a connection that has proved nothing cannot make the node hold more.
     */
    public static final FrameLimits BEFORE_LOGIN = new FrameLimits(16 << 10, 12 << 10);

    /** What a node accepts from a client: 1 MiB frames, 16 KiB headers. */
    public static final FrameLimits CLIENT_TO_NODE = new FrameLimits(1 << 20, 16 << 10);

    /** What a client accepts from a node: room for a forwarded 1 MiB body plus header. */
    public static final FrameLimits NODE_TO_CLIENT = new FrameLimits(2 << 20, 1 << 20);

    /**
     * The largest frame with its length prefix: the largest message that can carry one frame over a
     * message transport (a WebSocket).
     */
    public int maxMessageBytes() {
        return maxFrameBytes + FrameFormat.LENGTH_BYTES;
    }

    public FrameLimits {
        if (maxHeaderBytes < 2 || maxFrameBytes < maxHeaderBytes + FrameFormat.HEADER_LENGTH_BYTES) {
            throw new IllegalArgumentException("frame limits must leave room for a header: " + maxFrameBytes
                    + "/" + maxHeaderBytes);
        }
    }
}
