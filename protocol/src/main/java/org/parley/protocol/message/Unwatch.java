package org.parley.protocol.message;

/** Stops stream {@code id}, which this client started with {@link Watch}; the node answers {@link VideoEnd}. */
public record Unwatch(String id) implements ClientMessage {
}
