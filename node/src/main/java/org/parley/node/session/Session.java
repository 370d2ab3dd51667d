package org.parley.node.session;

import org.parley.protocol.identity.UserAddress;

/**
 * A logged-in user's connection as the rest of the node sees it: who it is and a way to hand
 * it an encoded frame from any thread.
 */
public interface Session {

    UserAddress user();

    /** When the user last did something on this session (not a heartbeat), {@link System#nanoTime} based. */
    long lastActiveNanos();

    /** Queues an encoded frame for this session; false if it could not take it (closed, or overflowing). */
    boolean deliver(byte[] frame);

    /** Bytes queued for this session that its socket has not taken yet: how far behind its client reads. */
    default long queuedBytes() {
        return 0;
    }
}
