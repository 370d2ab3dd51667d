package org.parley.protocol.message;

/**
 * The answer to a {@link Ping}.
 */
public record Pong() implements ClientMessage, ServerMessage {
}
