package org.parley.protocol.message;

/** Asks who is in voice room {@code room} and who is speaking; answered with {@link VoiceRoom}. */
public record VoiceWho(String id, String room) implements ClientMessage {
}
