package org.parley.client.net;

import org.parley.protocol.message.ErrorCode;

/**
 * The node answered a request with an error frame.
 */
public final class RefusedException extends RuntimeException {

    private final ErrorCode code;

    public RefusedException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
