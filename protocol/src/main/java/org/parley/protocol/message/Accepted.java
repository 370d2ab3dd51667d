package org.parley.protocol.message;

/**
 * The node has taken responsibility for message {@code id}; {@code recipients} is how many
 * sessions it was handed to.
 */
public record Accepted(String id, int recipients) implements ServerMessage {
}
