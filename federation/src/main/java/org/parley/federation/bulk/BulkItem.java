package org.parley.federation.bulk;

/**
 * One item on a bulk stream, as the receiving node's handler gets it whole: a small header the two
 * ends' upper layers agree on (for files, the message's id, sender and recipient) and a body of at
 * most {@link BulkStreams#MAX_ITEM_BYTES}. On the wire it travels in frames of at most
 * {@link BulkStreams#MAX_FRAME_BYTES}; {@code seq} counts the stream's items from 1.
 */
public record BulkItem(long seq, byte[] header, byte[] body) {

    /** The bytes this item holds against the stream's credit. */
    public long bytes() {
        return (long) header.length + body.length;
    }
}
