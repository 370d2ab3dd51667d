package org.parley.node.group;

import org.parley.protocol.message.ErrorCode;

/** A group's home will not do what was asked; {@code code} and the message go back to the user. */
public final class GroupRefusal extends Exception {

    private final ErrorCode code;

    public GroupRefusal(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
