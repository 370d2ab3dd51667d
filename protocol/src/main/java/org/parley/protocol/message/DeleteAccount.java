package org.parley.protocol.message;

/**
 * Deletes the logged-in user's account on its node, for good: the node answers
 * {@link AccountDeleted}, closes every session of the user, and tells the network the user is gone.
 * The name is free again afterwards.
 */
public record DeleteAccount(String id) implements ClientMessage {
}
