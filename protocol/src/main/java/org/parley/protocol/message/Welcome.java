package org.parley.protocol.message;

/**
 * Login succeeded. {@code user} is the fully qualified name ({@code alice@node-a});
 * {@code registered} is true when this login created the account.
 */
public record Welcome(String user, String node, boolean registered) implements ServerMessage {
}
