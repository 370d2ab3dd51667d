package org.parley.federation.gossip;

/**
 * One signed fact in the network's directory, issued by its origin node. {@code key} is
 * {@code node} for the origin's own record, {@code user:NAME} for one of its users,
 * {@code group:NAME} for one of its open groups or {@code video:NAME} for a video of its library; for each key,
 * the entry with the highest version wins. Versions of one origin only grow (they are its clock in
 * microseconds, bumped past the last one issued), so they double as issue times.
 *
 * @param origin  the node that issued and signed it
 * @param key     what it is about
 * @param version the origin's version counter when it issued it
 * @param removed true for a tombstone: the user was deleted (the group ended, the video went)
 * @param node    the node record, for key {@code node}
 * @param user    the user record, for a live {@code user:NAME}
 * @param group   the group record, for a live {@code group:NAME}
 * @param video   the video record, for a live {@code video:NAME}
 */
public record DirectoryEntry(String origin, String key, long version, boolean removed, NodeRecord node,
                             UserRecord user, GroupRecord group, VideoRecord video) {

    public static final String NODE_KEY = "node";
    private static final String USER_PREFIX = "user:";
    private static final String GROUP_PREFIX = "group:";
    private static final String VIDEO_PREFIX = "video:";

    /** An entry of any kind but a video: what the entries before videos were built as. */
    public DirectoryEntry(String origin, String key, long version, boolean removed, NodeRecord node, UserRecord user,
                          GroupRecord group) {
        this(origin, key, version, removed, node, user, group, null);
    }

    public static String userKey(String name) {
        return USER_PREFIX + name;
    }

    public static DirectoryEntry ofNode(NodeRecord node, long version) {
        return new DirectoryEntry(node.name(), NODE_KEY, version, false, node, null, null);
    }

    public static DirectoryEntry ofUser(String origin, UserRecord user, long version) {
        return new DirectoryEntry(origin, userKey(user.name()), version, false, null, user, null);
    }

    public static DirectoryEntry removedUser(String origin, String name, long version) {
        return new DirectoryEntry(origin, userKey(name), version, true, null, null, null);
    }

    public static DirectoryEntry ofGroup(String origin, GroupRecord group, long version) {
        return new DirectoryEntry(origin, GROUP_PREFIX + group.name(), version, false, null, null, group);
    }

    public static DirectoryEntry removedGroup(String origin, String name, long version) {
        return new DirectoryEntry(origin, GROUP_PREFIX + name, version, true, null, null, null);
    }

    public static DirectoryEntry ofVideo(String origin, VideoRecord video, long version) {
        return new DirectoryEntry(origin, VIDEO_PREFIX + video.name(), version, false, null, null, null, video);
    }

    public static DirectoryEntry removedVideo(String origin, String name, long version) {
        return new DirectoryEntry(origin, VIDEO_PREFIX + name, version, true, null, null, null, null);
    }

    /** Whether it is about a user (live or removed), rather than the node or a group. */
    public boolean aboutUser() {
        return key != null && key.startsWith(USER_PREFIX);
    }

    /** Whether it is about a group (live or removed). */
    public boolean aboutGroup() {
        return key != null && key.startsWith(GROUP_PREFIX);
    }

    /** Whether it is about a video (live or removed). */
    public boolean aboutVideo() {
        return key != null && key.startsWith(VIDEO_PREFIX);
    }

    /** The user's, group's or video's name, for such an entry. */
    public String subject() {
        return key.substring(key.indexOf(':') + 1);
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
            if (removed || node == null || user != null || group != null || video != null) {
                return "a node entry must carry a node record and nothing else";
            }
            return node.name().equals(origin) ? null
                    : "node record names " + node.name() + ", not its origin " + origin;
        }
        if (!aboutUser() && !aboutGroup() && !aboutVideo()) {
            return "unknown entry key '" + key + "'";
        }
        if (removed) {
            return node == null && user == null && group == null && video == null ? null
                    : "a removal must carry no record";
        }
        if (aboutVideo()) {
            if (video == null || node != null || user != null || group != null) {
                return "a video entry must carry a video record and nothing else";
            }
            return key.equals(VIDEO_PREFIX + video.name()) ? video.problem()
                    : "video record " + video.name() + " does not match its key " + key;
        }
        if (aboutGroup()) {
            if (group == null || node != null || user != null || video != null) {
                return "a group entry must carry a group record and nothing else";
            }
            return key.equals(GROUP_PREFIX + group.name()) && group.owner() != null && group.members() > 0 ? null
                    : "group record " + group.name() + " does not match its key " + key;
        }
        if (user == null || node != null || group != null || video != null) {
            return "a user entry must carry a user record and nothing else";
        }
        if (!key.equals(userKey(user.name())) || user.presence() == null) {
            return "user record " + user.name() + " does not match its key " + key;
        }
        return null;
    }
}
