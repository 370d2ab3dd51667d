package org.parley.protocol.message;

import java.util.List;

/**
 * The answer to {@link GroupsRequest} {@code id}: the groups the user belongs to, then the open
 * groups of the network they do not belong to.
 */
public record GroupList(String id, List<GroupSummary> groups) implements ServerMessage {

    public GroupList {
        groups = List.copyOf(groups);
    }

    /**
     * @param members how many members it has, as its home node last said
     * @param member  whether the asking user is one
     */
    public record GroupSummary(String group, String owner, boolean open, int members, boolean member) {
    }
}
