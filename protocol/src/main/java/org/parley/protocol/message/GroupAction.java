package org.parley.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a {@link GroupRequest} asks of a group's home node. */
public enum GroupAction implements Spelled {
    /** Creates the group on the client's node, the creator as owner and only member. */
    CREATE("create", false),
    /** Joins an open group, or one the user was invited to. */
    JOIN("join", false),
    /** Leaves; an owner who leaves hands the group to the longest-standing other member. */
    LEAVE("leave", false),
    /** A member invites {@code user}, who may then join an invite-only group. */
    INVITE("invite", true),
    /** The owner removes member {@code user}. */
    KICK("kick", true),
    /** The owner hands the group to member {@code user}. */
    HAND_OVER("hand-over", true),
    /** Lists the members, with their presence. */
    MEMBERS("members", false);

    private final String word;
    private final boolean needsUser;

    GroupAction(String word, boolean needsUser) {
        this.word = word;
        this.needsUser = needsUser;
    }

    @JsonValue
    @Override
    public String word() {
        return word;
    }

    /** The word, so logs read as the wire does. */
    @Override
    public String toString() {
        return word;
    }

    /** Whether the request names a {@code user} it is about. */
    public boolean needsUser() {
        return needsUser;
    }

    /** The action spelled {@code word}, or null if this version knows no such action. */
    @JsonCreator
    public static GroupAction of(String word) {
        return Spelled.find(values(), word);
    }
}
