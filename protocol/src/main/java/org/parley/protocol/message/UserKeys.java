package org.parley.protocol.message;

/**
 * The answer to {@link KeysRequest} {@code id}: the fully qualified user and its public keys
 * (base64 of the raw 32 bytes) as the user's home node published them.
 */
public record UserKeys(String id, String user, String signingKey, String agreementKey) implements ServerMessage {
}
