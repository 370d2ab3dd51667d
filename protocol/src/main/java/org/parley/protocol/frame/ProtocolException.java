package org.parley.protocol.frame;

import org.parley.protocol.message.ErrorCode;

/**
 * The peer broke the protocol. Carries the code to send back before closing.
 */
public final class ProtocolException extends Exception {

    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ProtocolException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
