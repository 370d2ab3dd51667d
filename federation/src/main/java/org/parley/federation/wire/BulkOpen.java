package org.parley.federation.wire;

/**
 * Opens bulk stream {@code stream}; the frame's body is the opener's header for the stream (at most
 * 4 KiB). The receiving node answers with {@link BulkCredit} if something there takes streams of
 * this purpose, or with {@link BulkReset}.
 *
 * @param purpose the word of what it carries ({@code file}, {@code video})
 */
public record BulkOpen(int stream, String purpose) implements BulkMessage {
}
