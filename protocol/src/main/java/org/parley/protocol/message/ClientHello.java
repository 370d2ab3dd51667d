package org.parley.protocol.message;

/**
 * First frame from a client: the protocol version it speaks and a free-form agent string.
 */
public record ClientHello(int version, String agent) implements ClientMessage {
}
