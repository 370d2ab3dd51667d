package org.parley.federation.bulk;

/**
 * What a linked peer may make this node hold through bulk streams: each stream it opens is granted
 * {@code windowBytes} of credit, which this node never holds more of, and it may have at most
 * {@code maxStreamsPerLink} streams open on one link at once; the excess is reset. So a peer holds at
 * most their product of this node's memory per link.
 *
 * @param windowBytes       credit granted to each stream a peer opens: bytes of items received and not
 *                          yet settled; at least one item of the largest size, header included
 * @param maxStreamsPerLink streams a peer may have open on one link at once
 */
public record BulkLimits(long windowBytes, int maxStreamsPerLink) {

    /** The least window that lets the largest item through. */
    public static final long MIN_WINDOW_BYTES = BulkStreams.MAX_ITEM_BYTES + BulkStreams.MAX_HEADER_BYTES;

    /** 4 MiB per stream (four items of the largest size in flight), 256 streams per link. */
    public static final BulkLimits DEFAULTS = new BulkLimits(4L << 20, 256);

    public BulkLimits {
        if (windowBytes < MIN_WINDOW_BYTES || windowBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a bulk stream's window must hold the largest item, "
                    + MIN_WINDOW_BYTES + " bytes, and be at most " + Integer.MAX_VALUE + ": " + windowBytes);
        }
        if (maxStreamsPerLink < 1) {
            throw new IllegalArgumentException("at least one bulk stream per link: " + maxStreamsPerLink);
        }
    }
}
