package org.parley.node.video;

import org.parley.protocol.message.ErrorCode;

/**
 * Why a watch cannot go ahead, as the viewer hears it: an error code and words for people. Thrown
 * where the refusal is found, on the viewer's node or the holder's, and carried back to the viewer.
 */
final class WatchRefusal extends Exception {

    private final ErrorCode code;

    WatchRefusal(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
