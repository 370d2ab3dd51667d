package org.parley.protocol.message;

/**
 * A group's membership changed: sent to its members (and to a user who was removed). Clients make a
 * new sender key for the group's new {@code epoch} before they next write to it.
 *
 * @param event what happened ({@link GroupEvent#OWNER}: the group was handed to {@code user})
 * @param user  whom it is about
 * @param by    who did it (the same as {@code user} for joined and left)
 */
public record GroupNotice(String group, GroupEvent event, String user, String by, long epoch) implements ServerMessage {
}
