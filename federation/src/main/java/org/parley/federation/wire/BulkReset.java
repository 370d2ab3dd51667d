package org.parley.federation.wire;

/**
 * Either end ends {@code stream} at once, saying {@code why}: what the receiver held of it is
 * dropped, its credit is gone with it, and frames of it still on their way are ignored.
 */
public record BulkReset(int stream, String why) implements BulkMessage {
}
