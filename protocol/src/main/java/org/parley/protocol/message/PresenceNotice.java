package org.parley.protocol.message;

/**
 * A user joined ({@code online}) or left ({@code offline}); {@code reason} says why a user left
 * (for example {@code quit}, {@code connection lost}, {@code heartbeat timeout}).
 */
public record PresenceNotice(String user, Presence status, String reason) implements ServerMessage {
}
