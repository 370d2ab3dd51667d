package org.parley.protocol.message;

/**
 * Asks for a user's public keys, so the client can encrypt to them and check their signatures.
 * {@code user} is {@code bob} (this node) or {@code bob@node-b}. The node answers with
 * {@link UserKeys} carrying the same {@code id}, or an {@code UNKNOWN_USER} error. The answer is
 * only what the directory says: the client decides whether to trust it (it pins keys on first
 * contact and warns when they change).
 */
public record KeysRequest(String id, String user) implements ClientMessage {
}
