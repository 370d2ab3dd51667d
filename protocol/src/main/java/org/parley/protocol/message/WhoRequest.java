package org.parley.protocol.message;

/**
 * Asks who is online; the node answers with a {@link UserList} carrying the same {@code id}.
 */
public record WhoRequest(String id) implements ClientMessage {
}
