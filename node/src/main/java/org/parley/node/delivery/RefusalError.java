package org.parley.node.delivery;

import org.parley.federation.wire.Refusal;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;

/** What a sender is told when another node refused their message, whichever path it took there. */
public final class RefusalError {

    private RefusalError() {
    }

    /**
     * @param id          the message's id
     * @param to          its recipient, as the sender wrote it
     * @param destination the node that refused it
     */
    public static ErrorFrame of(Refusal why, String id, String to, String destination) {
        String what = to + ": message " + id + " was not delivered";
        return switch (why) {
            case MAILBOX_FULL -> new ErrorFrame(ErrorCode.MAILBOX_FULL, to + " has as many messages"
                    + " waiting as its node keeps; message " + id + " was not accepted there, send it again later", id);
            case OVER_QUOTA -> new ErrorFrame(ErrorCode.MAILBOX_FULL, to + " has as much waiting at"
                    + " their node as it keeps for one user (its byte quota); message " + id + " was not"
                    + " accepted there. Send it again once they have logged in and taken what waits", id);
            case NOT_MEMBER -> new ErrorFrame(ErrorCode.NOT_MEMBER, "you are not a member of " + what, id);
            case NO_GROUP -> new ErrorFrame(ErrorCode.NO_SUCH_GROUP, "no group " + what, id);
            case REFUSED -> new ErrorFrame(ErrorCode.BAD_REQUEST, "node " + destination + " refused " + id + " for "
                    + to, id);
            case UNKNOWN_USER -> new ErrorFrame(ErrorCode.UNKNOWN_USER, "no user " + what, id);
        };
    }
}
