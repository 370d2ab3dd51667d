package org.parley.node.session;

import org.parley.protocol.message.ErrorCode;
import org.parley.transport.CloseCause;

/**
 * The close a fatal error ends with, as a WebSocket client is told it (PROTOCOL.md, "WebSocket").
 * Every code is listed, so a new one cannot be added without deciding.
 */
public final class CloseCauses {

    private CloseCauses() {
    }

    public static CloseCause of(ErrorCode code) {
        return switch (code) {
            case MALFORMED_FRAME, UNSUPPORTED_VERSION, NOT_LOGGED_IN, UNEXPECTED_FRAME -> CloseCause.PROTOCOL_ERROR;
            case FRAME_TOO_LARGE -> CloseCause.TOO_LARGE;
            case INVALID_NAME, NAME_TAKEN, BAD_SIGNATURE, PASSWORD_REQUIRED, BAD_PASSWORD, TIMEOUT, SLOW_CONSUMER,
                    UNKNOWN_USER, MAILBOX_FULL, BAD_REQUEST, QUEUE_FULL, NO_SUCH_GROUP, GROUP_EXISTS, NOT_MEMBER,
                    NOT_INVITED, NOT_OWNER, UNKNOWN_VIDEO, UNKNOWN_RESOLUTION, ACCOUNT_LOCKED, REGISTRATION_CLOSED,
                    INVITE_REQUIRED, DISCONNECTED_BY_OPERATOR -> CloseCause.POLICY_VIOLATION;
            case NODE_SHUTTING_DOWN -> CloseCause.GOING_AWAY;
            case RATE_LIMITED, INTERRUPTED, NODE_UNREACHABLE, TOO_MANY_STREAMS -> CloseCause.TRY_AGAIN_LATER;
            case INTERNAL -> CloseCause.INTERNAL_ERROR;
        };
    }
}
