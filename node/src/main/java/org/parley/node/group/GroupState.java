package org.parley.node.group;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.parley.protocol.identity.GroupAddress;

/**
 * A group of this node as it stands: who owns it, whether anyone may join, its members in the order
 * they joined (qualified names), whom members invited, and the epoch, which grows with each change
 * of who is a member. Immutable: a change makes a new state.
 */
public record GroupState(GroupAddress address, String owner, boolean open, long epoch, List<String> members,
                         Set<String> invited) {

    public GroupState {
        members = List.copyOf(members);
        invited = Set.copyOf(invited);
    }

    static GroupState created(GroupAddress address, String owner, boolean open) {
        return new GroupState(address, owner, open, 1, List.of(owner), Set.of());
    }

    public boolean isMember(String user) {
        return members.contains(user);
    }

    GroupState withMember(String user) {
        List<String> next = new ArrayList<>(members);
        next.add(user);
        Set<String> stillInvited = new LinkedHashSet<>(invited);
        stillInvited.remove(user);
        return new GroupState(address, owner, open, epoch + 1, next, stillInvited);
    }

    /** Without {@code user}; an owner who goes leaves the group to the longest-standing member. */
    GroupState without(String user) {
        List<String> next = new ArrayList<>(members);
        next.remove(user);
        String nextOwner = owner.equals(user) && !next.isEmpty() ? next.get(0) : owner;
        return new GroupState(address, nextOwner, open, epoch + 1, next, invited);
    }

    GroupState withInvited(String user) {
        Set<String> next = new LinkedHashSet<>(invited);
        next.add(user);
        return new GroupState(address, owner, open, epoch, members, next);
    }

    GroupState ownedBy(String user) {
        return new GroupState(address, user, open, epoch, members, invited);
    }
}
