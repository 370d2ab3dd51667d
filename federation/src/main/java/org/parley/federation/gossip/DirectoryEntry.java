package org.parley.federation.gossip;

/**
 * One signed fact in the network's directory, issued by its origin node. {@code key} is
 * {@code node} for the origin's own record or {@code user:NAME} for one of its users; for each key,
 * the entry with the highest version wins. Versions of one origin only grow (they are its clock in
 * microseconds, bumped past the last one issued), so they double as issue times.
 *
 * @param origin  the node that issued and signed it
 * @param key     what it is about
 * @param version the origin's version counter when it issued it
 * @param removed true for a tombstone: the user was deleted
 * @param node    the node record, for key {@code node}
 * @param user    the user record, for a live {@code user:NAME}
 */
public record DirectoryEntry(String origin, String key, long version, boolean removed, NodeRecord node,
                             UserRecord user) {

    public static final String NODE_KEY = "node";
    private static final String USER_PREFIX = "user:";

    public static String userKey(String name) {
        return USER_PREFIX + name;
    }

    public static DirectoryEntry ofNode(NodeRecord node, long version) {
        return new DirectoryEntry(node.name(), NODE_KEY, version, false, node, null);
    }

    public static DirectoryEntry ofUser(String origin, UserRecord user, long version) {
        return new DirectoryEntry(origin, userKey(user.name()), version, false, null, user);
    }

    public static DirectoryEntry removedUser(String origin, String name, long version) {
        return new DirectoryEntry(origin, userKey(name), version, true, null, null);
    }

    /** Issue time, epoch milliseconds. */
    public long issuedAtMillis() {
        return version / 1000;
    }

    /** Null if the entry is well formed for its origin, else what is wrong with it. */
    public String problem() {
        if (version <= 0) {
            return "version " + version + " is not positive";
        }
        if (NODE_KEY.equals(key)) {
            if (removed || node == null || user != null) {
                return "a node entry must carry a node record and nothing else";
            }
            return node.name().equals(origin) ? null
                    : "node record names " + node.name() + ", not its origin " + origin;
        }
        if (key == null || !key.startsWith(USER_PREFIX)) {
            return "unknown entry key '" + key + "'";
        }
        if (removed) {
            return node == null && user == null ? null : "a removal must carry no record";
        }
        if (user == null || node != null) {
            return "a user entry must carry a user record and nothing else";
        }
        if (!key.equals(userKey(user.name())) || user.presence() == null) {
            return "user record " + user.name() + " does not match its key " + key;
        }
        return null;
    }
}
