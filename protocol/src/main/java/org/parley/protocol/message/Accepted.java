package org.parley.protocol.message;

import java.util.Map;

/**
 * The node has taken responsibility for message {@code id}. {@code recipients} is how many sessions
 * on this node it was handed to; {@code forwarded} is how many other nodes it left for (a direct
 * message to another node is forwarded to one, and a {@link Receipt} follows when it is delivered).
 *
 * @param unreached for a post at its group's home: the nodes of members it could not be sent
 *                  toward (the node left the network, say), each with why; null or empty when it
 *                  went to every member. The post is accepted for everyone else, so a client says
 *                  who missed it instead of failing, and a script does not post it twice.
 */
public record Accepted(String id, int recipients, int forwarded, Map<String, String> unreached)
        implements ServerMessage {

    public Accepted {
        unreached = unreached == null || unreached.isEmpty() ? null : Map.copyOf(unreached);
    }

    public Accepted(String id, int recipients, int forwarded) {
        this(id, recipients, forwarded, null);
    }

    /** Accepted for sessions of this node only. */
    public Accepted(String id, int recipients) {
        this(id, recipients, 0);
    }

    /** The nodes it missed, never null. */
    public Map<String, String> missed() {
        return unreached == null ? Map.of() : unreached;
    }
}
