package org.parley.protocol.message;

/**
 * One user in a {@link UserList}: fully qualified name, home node, presence, and how many
 * sessions the user has open.
 */
public record UserStatus(String user, String node, Presence status, int sessions) {
}
