package org.parley.protocol.message;

/** Leaves the voice room the session is in; answered with {@link VoiceRoom} of the room as it is after. */
public record VoiceLeave(String id) implements ClientMessage {
}
