package org.parley.protocol.message;

/**
 * A message from the client. {@code id} is chosen by the sender and unique among its messages;
 * {@code to} is {@code bob}, {@code bob@node-b}, or {@code *} for everyone. The frame body carries
 * the payload, which the node forwards without reading.
 */
public record Send(String id, String to) implements ClientMessage {
}
