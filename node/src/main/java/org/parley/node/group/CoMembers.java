package org.parley.node.group;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who shares a group with whom, as far as this node knows: every member of the groups it is home
 * to, and for groups homed elsewhere what their homes have told it (the member lists in their
 * answers, the joins and leaves in their notices, the senders of their messages) and which of its
 * own users belong to them. Read on every presence change, so held by user as well as by group.
 * Written from the group home's context and the network's, read from any thread.
 */
public final class CoMembers {

    /** Group address -> qualified members. */
    private final Map<String, Set<String>> byGroup = new ConcurrentHashMap<>();
    /** Qualified user -> group addresses. */
    private final Map<String, Set<String>> byUser = new ConcurrentHashMap<>();

    /** The groups {@code user} (qualified) is known to belong to. */
    public Set<String> groupsOf(String user) {
        return byUser.getOrDefault(user, Set.of());
    }

    /** The known members of {@code group} (qualified). */
    public Set<String> membersOf(String group) {
        return byGroup.getOrDefault(group, Set.of());
    }

    /** {@code group}'s members are now exactly {@code members} (none: the group is gone). */
    synchronized void replace(String group, Collection<String> members) {
        Set<String> before = new HashSet<>(membersOf(group));
        Set<String> after = new HashSet<>(members);
        for (String gone : before) {
            if (!after.contains(gone)) {
                left(group, gone);
            }
        }
        for (String come : after) {
            if (!before.contains(come)) {
                joined(group, come);
            }
        }
    }

    /** {@code user} spoke in {@code group}, so is a member; costs a lookup when that is known already. */
    void seen(String group, String user) {
        if (!membersOf(group).contains(user)) {
            joined(group, user);
        }
    }

    synchronized void joined(String group, String user) {
        byGroup.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet()).add(user);
        byUser.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(group);
    }

    synchronized void left(String group, String user) {
        byGroup.computeIfPresent(group, (g, members) -> {
            members.remove(user);
            return members.isEmpty() ? null : members;
        });
        byUser.computeIfPresent(user, (u, groups) -> {
            groups.remove(group);
            return groups.isEmpty() ? null : groups;
        });
    }
}
