package org.parley.federation.wire;

/**
 * The receiving node grants the opener of {@code stream} {@code bytes} more of credit: it may send
 * that many more bytes of items. The first grant accepts the stream; settling an item gives its
 * bytes back without a grant of their own ({@link BulkSettle}).
 */
public record BulkCredit(int stream, long bytes) implements BulkMessage {
}
