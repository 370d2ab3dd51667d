package org.parley.node.group;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which groups of other nodes this node's users belong to, as those groups' homes told us (in
 * answers and notices), so {@code groups} can list them. Kept in the store; readable from any thread.
 */
public final class Memberships {

    private final MembershipStore store;
    private final String nodeName;
    private final CoMembers coMembers;
    private final Map<String, Set<String>> byUser = new ConcurrentHashMap<>();

    private Memberships(MembershipStore store, String nodeName, CoMembers coMembers) {
        this.store = store;
        this.nodeName = nodeName;
        this.coMembers = coMembers;
    }

    /** @param coMembers told which of those groups this node's users belong to */
    public static Future<Memberships> load(MembershipStore store, String nodeName, CoMembers coMembers) {
        Memberships memberships = new Memberships(store, nodeName, coMembers);
        return store.loadMemberships().map(loaded -> {
            loaded.forEach((user, groups) -> memberships.byUser.put(user, ConcurrentHashMap.newKeySet()));
            loaded.forEach((user, groups) -> memberships.byUser.get(user).addAll(groups));
            loaded.forEach((user, groups) -> groups.forEach(group -> coMembers.joined(group, memberships.qualified(user))));
            return memberships;
        });
    }

    /** The groups of other nodes {@code user} (a local name) belongs to. */
    public Set<String> of(String user) {
        return Set.copyOf(byUser.getOrDefault(user, Set.of()));
    }

    private String qualified(String user) {
        return user + "@" + nodeName;
    }

    void set(String user, String group, boolean member) {
        if (member) {
            coMembers.joined(group, qualified(user));
        } else {
            coMembers.left(group, qualified(user));
        }
        Set<String> groups = byUser.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet());
        if (member ? groups.add(group) : groups.remove(group)) {
            if (member) {
                store.add(user, group);
            } else {
                store.remove(user, group);
            }
        }
    }
}
