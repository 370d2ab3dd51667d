package org.parley.transport;

/**
 * Why a connection is closed, as a WebSocket peer is told it (RFC 6455, section 7.4). A TCP
 * connection cannot carry it; the protocol's own error frame, written before, says it there.
 */
public enum CloseCause {

    /** The conversation is over (a client's bye). */
    NORMAL(1000),
    /** This side is going away (the node is stopping). */
    GOING_AWAY(1001),
    /** The peer broke the protocol: a malformed frame, or one not valid in the connection's state. */
    PROTOCOL_ERROR(1002),
    /** The peer sent a kind of data this side does not take (a WebSocket text message). */
    UNSUPPORTED_DATA(1003),
    /** The peer broke a rule of this side: a failed login, a timeout, a reader too slow. */
    POLICY_VIOLATION(1008),
    /** The peer sent a message over the size limit. */
    TOO_LARGE(1009),
    /** This side failed. */
    INTERNAL_ERROR(1011),
    /** Refused for now (too many connections); the peer may try again later. */
    TRY_AGAIN_LATER(1013);

    private final short webSocketCode;

    CloseCause(int webSocketCode) {
        this.webSocketCode = (short) webSocketCode;
    }

    /** The WebSocket close status code. */
    public short webSocketCode() {
        return webSocketCode;
    }
}
