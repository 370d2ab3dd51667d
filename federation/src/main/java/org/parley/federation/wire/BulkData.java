package org.parley.federation.wire;

/**
 * A piece of item {@code seq} of bulk stream {@code stream}; the frame's body is the item's bytes
 * from {@code offset}: its header ({@code headerBytes} long) followed by its body, cut into frames of
 * at most 64 KiB. Items follow each other whole, in order; {@code last} marks an item's final piece.
 * Compact on the wire (see {@link PeerHeaders#BULK_DATA}), since a file costs one per 64 KiB.
 */
public record BulkData(int stream, long seq, int headerBytes, int offset, boolean last) implements BulkMessage {
}
