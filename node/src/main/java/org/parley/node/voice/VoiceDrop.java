package org.parley.node.voice;

/** Why the relay dropped a datagram, in the words its summary in the log uses. */
public enum VoiceDrop {
    /** Not a voice datagram at all, or cut short. */
    MALFORMED("malformed (not a Parley voice datagram: check what else sends to this port)"),
    /** A token this node never gave, or took back when its session left the room. */
    UNKNOWN_TOKEN("with a token this node did not give or took back (a client still sending after it left"
            + " its room or its node restarted, or someone probing the port)"),
    /** Audio from an address other than the one the session's keepalives latched (or before any did). */
    UNLATCHED("from an address its session's keepalives have not latched (a client that moved sends a"
            + " keepalive to move it; otherwise a spoofed source)"),
    /** A speaker number that is not the one the sender was given. */
    WRONG_SSRC("with a speaker number (ssrc) not the sender's (a faulty or hostile client or node)"),
    /** A node's datagram whose tag did not check out, or on a path this node does not have. */
    FORGED("between nodes without a valid tag of a voice path this node has (forged, altered, or from a link"
            + " that has ended)"),
    /** A node's authentic datagram seen before. */
    REPLAYED("between nodes that were authentic but seen before or too old (replayed)"),
    /** A node's datagram for a room this node is not in (any more). */
    UNKNOWN_ROOM("between nodes for a room this node has no one in (any more)"),
    /** One for a listener on a WebSocket with too much waiting for it already: a slow or stalled browser. */
    SLOW_WEB_LISTENER("to a listener on a WebSocket that had fallen behind reading (a slow or stalled browser, which"
            + " loses only its own packets)"),
    /** One to send that waited behind thousands of others: the relay is far behind (an overloaded node). */
    UNSENT("to send, left unsent because thousands waited before them (this node is overloaded)");

    private final String words;

    VoiceDrop(String words) {
        this.words = words;
    }

    String words() {
        return words;
    }
}
