package org.parley.node.discovery;

import org.parley.federation.PeerAddress;

/** What the node does about a node it found on the LAN. */
public sealed interface LinkDecision {

    /** Dial it; the link's handshake then checks its key as for any peer. */
    record Link(PeerAddress address) implements LinkDecision {
    }

    /** Leave it, for a reason an operator can act on. */
    record Refuse(String reason) implements LinkDecision {
    }

    /** Nothing to do and nothing worth a log line: this node itself, or a node already dialled or linked. */
    record Known() implements LinkDecision {
    }
}
