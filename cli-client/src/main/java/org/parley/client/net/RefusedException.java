package org.parley.client.net;

import org.parley.protocol.message.ErrorCode;

/**
 * The node answered a request with an error frame.
 */
public final class RefusedException extends RuntimeException {

    private final ErrorCode code;
    /** When the node said to try again (with {@link ErrorCode#RATE_LIMITED}), or null. */
    private final Long retryAfterMillis;

    public RefusedException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public RefusedException(ErrorCode code, String message, Long retryAfterMillis) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfterMillis = retryAfterMillis;
    }

    public Long retryAfterMillis() {
        return retryAfterMillis;
    }

    public ErrorCode code() {
        return code;
    }
}
