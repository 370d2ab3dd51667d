package org.parley.node.session;

/** How a client reaches the node, as its operator sees it in {@code parley-node admin users}. */
public enum ClientKind {
    /** The command-line client (or any client) on the client port, over TCP. */
    TCP,
    /** A browser: the web client, over a WebSocket on the web port. */
    WEB
}
