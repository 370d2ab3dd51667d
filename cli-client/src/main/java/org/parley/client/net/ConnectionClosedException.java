package org.parley.client.net;

/**
 * The connection to the node ended before an answer came.
 */
public final class ConnectionClosedException extends RuntimeException {

    public ConnectionClosedException(String reason) {
        super(reason, null, false, false);
    }
}
