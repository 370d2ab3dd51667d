package org.parley.protocol.message;

/**
 * A message arriving at a recipient. {@code from} and {@code to} are fully qualified
 * ({@code to} is {@code *} for a broadcast); {@code sentAt} is the node's acceptance time in
 * epoch milliseconds. The frame body is the sender's payload, unchanged.
 */
public record Delivery(String id, String from, String to, long sentAt) implements ServerMessage {
}
