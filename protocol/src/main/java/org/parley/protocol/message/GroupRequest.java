package org.parley.protocol.message;

/**
 * Asks a group's home node to do something with the group; answered with a {@link GroupInfo}
 * carrying the same {@code id}, or an {@link ErrorFrame} with {@code ref} = {@code id}. A request
 * for a group of another node is carried there and its answer back.
 *
 * @param id     the client's request id
 * @param action one of the constants below
 * @param group  {@code #name@node} ({@code #name} means the client's own node)
 * @param user   whom to invite, remove or make owner; null otherwise
 * @param open   for {@code create}: whether anyone may join (true) or only the invited (false)
 */
public record GroupRequest(String id, String action, String group, String user, Boolean open)
        implements ClientMessage {

    /** Creates the group on the client's node, the creator as owner and only member. */
    public static final String CREATE = "create";
    /** Joins an open group, or one the user was invited to. */
    public static final String JOIN = "join";
    /** Leaves; an owner who leaves hands the group to the longest-standing other member. */
    public static final String LEAVE = "leave";
    /** A member invites {@code user}, who may then join an invite-only group. */
    public static final String INVITE = "invite";
    /** The owner removes member {@code user}. */
    public static final String KICK = "kick";
    /** The owner hands the group to member {@code user}. */
    public static final String HAND_OVER = "hand-over";
    /** Lists the members, with their presence. */
    public static final String MEMBERS = "members";

    /** Every action a node understands. */
    public static final java.util.Set<String> ACTIONS = java.util.Set.of(CREATE, JOIN, LEAVE, INVITE, KICK,
            HAND_OVER, MEMBERS);

    /** Whether the action names a {@code user}. */
    public boolean needsUser() {
        return INVITE.equals(action) || KICK.equals(action) || HAND_OVER.equals(action);
    }
}
