package org.parley.federation;

import org.parley.protocol.message.ErrorCode;

/**
 * Why the network will not take a message, in words for the sender.
 */
public final class FederationRefusal extends RuntimeException {

    private final ErrorCode code;

    public FederationRefusal(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
