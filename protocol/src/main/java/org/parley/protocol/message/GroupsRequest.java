package org.parley.protocol.message;

/**
 * Asks for the groups this user belongs to and the open groups of the network; answered with a
 * {@link GroupList} carrying the same {@code id}.
 */
public record GroupsRequest(String id) implements ClientMessage {
}
