package org.parley.protocol.message;

/**
 * Heartbeat; the receiver answers with {@link Pong}. Either side may send it.
 */
public record Ping() implements ClientMessage, ServerMessage {
}
