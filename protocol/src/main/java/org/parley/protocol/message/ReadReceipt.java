package org.parley.protocol.message;

/**
 * The user has seen message {@code id} from {@code from} on screen. The node passes it to the
 * sender as a {@link Receipt} with status {@code read}. Clients send it only where their user lets
 * them (the interactive shell does; scripts never do).
 */
public record ReadReceipt(String id, String from) implements ClientMessage {
}
