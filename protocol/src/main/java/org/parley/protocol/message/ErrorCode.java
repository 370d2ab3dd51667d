package org.parley.protocol.message;

/**
 * Stable error codes carried in {@link ErrorFrame}. Scripts and clients match on these names;
 * the human-readable text beside them may change. Codes marked fatal end the connection.
 */
public enum ErrorCode {
    /** The bytes could not be read as a frame or its header as a known message. */
    MALFORMED_FRAME(true),
    /** The length prefix exceeds the receiver's limit. */
    FRAME_TOO_LARGE(true),
    /** The peer speaks a protocol version this side does not. */
    UNSUPPORTED_VERSION(true),
    /** A frame other than hello or login arrived before login completed. */
    NOT_LOGGED_IN(true),
    /** A frame arrived that is not valid in the connection's current state. */
    UNEXPECTED_FRAME(true),
    /** The user name breaks the naming rule. */
    INVALID_NAME(true),
    /** The name is registered to another identity key. */
    NAME_TAKEN(true),
    /** The login signature does not verify against the presented key. */
    BAD_SIGNATURE(true),
    /** This node requires a password and none was given. */
    PASSWORD_REQUIRED(true),
    /** The password does not match the account's. */
    BAD_PASSWORD(true),
    /** No heartbeat or login arrived in time. */
    TIMEOUT(true),
    /** The client did not read fast enough and its queue overflowed. */
    SLOW_CONSUMER(true),
    /** The recipient names no account on this network. */
    UNKNOWN_USER(false),
    /** The recipient's mailbox holds as many messages as its node allows; try again once they read some. */
    MAILBOX_FULL(false),
    /** A field of an otherwise well-formed request is invalid. */
    BAD_REQUEST(false),
    /** Too many messages already wait for the same place (an unreachable node); try again later. */
    QUEUE_FULL(false),
    /**
     * A piece of a file was on its way to the recipient when the path to them broke (the link between
     * the nodes dropped, or the recipient's session ended before it had the piece): send again from
     * the first piece not accepted. Nothing after it was accepted either.
     */
    INTERRUPTED(false),
    /**
     * The user, their address or the node as a whole is doing this faster than the node allows;
     * {@link ErrorFrame#retryAfterMillis()} says when to try again. Scripts wait and retry.
     */
    RATE_LIMITED(false),
    /** No such group on its home node. */
    NO_SUCH_GROUP(false),
    /** A group of that name already exists on this node. */
    GROUP_EXISTS(false),
    /** Only members of the group may do that (post, invite, list an invite-only group's members). */
    NOT_MEMBER(false),
    /** The group is invite-only and this user was not invited. */
    NOT_INVITED(false),
    /** Only the group's owner may do that (remove members, hand over ownership). */
    NOT_OWNER(false),
    /** No such video in the library of the node named, or the address names no video. */
    UNKNOWN_VIDEO(false),
    /** The video has no rendition of that resolution, or its renditions do not share keyframes for the mixed mode. */
    UNKNOWN_RESOLUTION(false),
    /** No link leads to the node named (it is down, unknown, or cut off); try again later. */
    NODE_UNREACHABLE(false),
    /** The user, or the node as a whole, already streams as many videos at once as the node allows. */
    TOO_MANY_STREAMS(false),
    /** The operator locked this account: it cannot log in until they unlock it. */
    ACCOUNT_LOCKED(true),
    /** The node registers no new names now; existing accounts still log in. */
    REGISTRATION_CLOSED(true),
    /** The node registers new names only with an invite code, and none was given or it is unknown or used up. */
    INVITE_REQUIRED(true),
    /** The node's operator ended this session; the message says why. */
    DISCONNECTED_BY_OPERATOR(true),
    /** The node is shutting down (draining): it takes no new logins and ends every session; try later. */
    NODE_SHUTTING_DOWN(true),
    /** The node failed to do something it should have been able to do. */
    INTERNAL(true);

    private final boolean fatal;

    ErrorCode(boolean fatal) {
        this.fatal = fatal;
    }

    /** Whether the sender of this error closes the connection right after it. */
    public boolean fatal() {
        return fatal;
    }
}
