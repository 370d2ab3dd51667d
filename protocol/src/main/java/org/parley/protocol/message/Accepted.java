package org.parley.protocol.message;

/**
 * The node has taken responsibility for message {@code id}. {@code recipients} is how many sessions
 * on this node it was handed to; {@code forwarded} is how many other nodes it left for (a direct
 * message to another node is forwarded to one, and a {@link Receipt} follows when it is delivered).
 */
public record Accepted(String id, int recipients, int forwarded) implements ServerMessage {

    /** Accepted for sessions of this node only. */
    public Accepted(String id, int recipients) {
        this(id, recipients, 0);
    }
}
