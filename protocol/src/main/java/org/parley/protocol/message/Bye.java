package org.parley.protocol.message;

/**
 * The client is leaving on purpose; the node closes the connection and announces {@code quit}.
 */
public record Bye() implements ClientMessage {
}
