package org.parley.node.voice;

import org.parley.node.session.ClientConnection;

/**
 * Where a leg's packets come from and where its listeners' packets go, as its keepalives latched it:
 * a UDP address on the voice port, or the session's own WebSocket (a browser cannot send UDP, so it
 * sends the same packets as binary messages on the WebSocket it is logged in on).
 */
sealed interface LegAddress {

    /** A source address and port of datagrams on the voice port. */
    record Udp(String host, int port) implements LegAddress {
    }

    /** The WebSocket of a session: the only session whose packets it carries is that one. */
    record WebSocket(ClientConnection session) implements LegAddress {

        @Override
        public boolean equals(Object other) {
            return other instanceof WebSocket that && that.session == session;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(session);
        }
    }
}
