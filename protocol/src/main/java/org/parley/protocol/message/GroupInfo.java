package org.parley.protocol.message;

import java.util.List;

/**
 * A group as its home node has it now: the answer to {@link GroupRequest} {@code id}.
 *
 * @param epoch   counts membership changes; a member's client makes a new sender key when it grows
 * @param members every member, owner first, with their presence
 */
public record GroupInfo(String id, String group, String owner, boolean open, long epoch, List<GroupMember> members)
        implements ServerMessage {

    public GroupInfo {
        members = List.copyOf(members);
    }

    /** One member of a group. */
    public record GroupMember(String user, Presence status) {
    }
}
