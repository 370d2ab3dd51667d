package org.parley.protocol.message;

/**
 * The JSON header of a frame. Each direction of a client connection has its own family:
 * {@link ClientMessage} for what a client sends, {@link ServerMessage} for what a node sends.
 */
public sealed interface Message permits ClientMessage, ServerMessage {
}
