package org.parley.federation.wire;

/**
 * The receiving node settles item {@code seq} of {@code stream}, which gives the item's bytes back
 * to the opener as credit.
 *
 * @param how     the word of how it was dealt with ({@code delivered}, {@code stored}, {@code refused},
 *                {@code passed})
 * @param refusal with {@code refused}, the word of why (as a {@link Refusal}); absent otherwise
 */
public record BulkSettle(int stream, long seq, String how, String refusal) implements BulkMessage {
}
