package org.parley.protocol.message;

/**
 * Asks for the videos of the network (or of one node, when {@code node} is given); answered with a
 * {@link VideoList} carrying the same {@code id}.
 */
public record VideosRequest(String id, String node) implements ClientMessage {
}
