package org.parley.protocol.identity;

import java.util.Objects;

/**
 * A group as addressed on the network: {@code #name@node}, where {@code node} is the group's home,
 * the node that created it and keeps its membership.
 */
public record GroupAddress(String name, String node) {

    /** What starts a group's address and tells it from a user's. */
    public static final String PREFIX = "#";

    public GroupAddress {
        Name.require(name, "group name");
        Name.require(node, "node name");
    }

    /** Whether {@code to} names a group rather than a user or everyone. */
    public static boolean isGroup(String to) {
        return to != null && to.startsWith(PREFIX);
    }

    /**
     * Parses {@code #team} (at {@code defaultNode}) or {@code #team@node-a}.
     *
     * @throws IllegalArgumentException if it does not start with {@code #} or a part breaks the naming rule
     */
    public static GroupAddress parse(String text, String defaultNode) {
        Objects.requireNonNull(text, "group");
        if (!isGroup(text)) {
            throw new IllegalArgumentException("a group's name starts with #: " + text);
        }
        int at = text.indexOf('@');
        if (at < 0) {
            return new GroupAddress(text.substring(1), defaultNode);
        }
        return new GroupAddress(text.substring(1, at), text.substring(at + 1));
    }

    @Override
    public String toString() {
        return PREFIX + name + "@" + node;
    }
}
