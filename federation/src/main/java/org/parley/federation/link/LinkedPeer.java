package org.parley.federation.link;

import org.parley.federation.wire.PeerMessage;

/**
 * A node this node is linked with, as the work that runs over links sees it: who is on the other
 * side, and a way to send it a message. {@link PeerLink} is the real one, a TCP connection; tests put
 * an in-memory network behind this interface, so that gossip can be tested without sockets. Used on
 * the federation context; two calls of {@link #send} arrive in the order they were made, or not at
 * all once the link closes.
 */
public interface LinkedPeer {

    /** The name of the node on the other side, which it proved with its key before the link came up. */
    String peerName();

    /** Queues {@code message} for the peer; dropped if the link is closing. */
    void send(PeerMessage message);
}
