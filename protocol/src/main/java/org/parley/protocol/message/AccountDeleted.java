package org.parley.protocol.message;

/**
 * The account {@code user} no longer exists; the node closes the connection after this frame.
 */
public record AccountDeleted(String id, String user) implements ServerMessage {
}
