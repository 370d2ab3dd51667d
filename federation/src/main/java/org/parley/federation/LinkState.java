package org.parley.federation;

/** Whether a link with a peer node is up. */
public enum LinkState {
    /** Linked: the handshake is done and the link carries messages. */
    UP,
    /** Not linked: being dialled, waiting to be dialled back, or unreachable. */
    DOWN
}
