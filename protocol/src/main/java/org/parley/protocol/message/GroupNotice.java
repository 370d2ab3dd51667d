package org.parley.protocol.message;

/**
 * A group's membership changed: sent to its members (and to a user who was removed). Clients make a
 * new sender key for the group's new {@code epoch} before they next write to it.
 *
 * @param event {@code joined}, {@code left}, {@code removed}, {@code invited} or {@code owner} (the
 *              group was handed to {@code user})
 * @param user  whom it is about
 * @param by    who did it (the same as {@code user} for joined and left)
 */
public record GroupNotice(String group, String event, String user, String by, long epoch) implements ServerMessage {

    public static final String JOINED = "joined";
    public static final String LEFT = "left";
    public static final String REMOVED = "removed";
    public static final String INVITED = "invited";
    public static final String OWNER = "owner";
}
