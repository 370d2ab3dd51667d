package org.parley.protocol.identity;

import java.util.Objects;

/**
 * A user as addressed on the network: {@code name@node}.
 */
public record UserAddress(String name, String node) {

    public UserAddress {
        Name.require(name, "user name");
        Name.require(node, "node name");
    }

    /**
     * Parses {@code bob} (resolved against {@code defaultNode}) or {@code bob@node-b}.
     *
     * @throws IllegalArgumentException if either part breaks the naming rule
     */
    public static UserAddress parse(String text, String defaultNode) {
        Objects.requireNonNull(text, "address");
        int at = text.indexOf('@');
        if (at < 0) {
            return new UserAddress(text, defaultNode);
        }
        return new UserAddress(text.substring(0, at), text.substring(at + 1));
    }

    /**
     * Whether {@code text} is a qualified address, {@code name@node}, that {@link #parse} accepts:
     * checked in place, for paths that pass addresses on as they are.
     */
    public static boolean isQualified(String text) {
        int at = text.indexOf('@');
        return at >= 0 && Name.isValid(text, 0, at) && Name.isValid(text, at + 1, text.length());
    }

    /**
     * {@code text} as {@link #parse} with {@code defaultNode} and {@link #toString} would write it,
     * without making the address when it is qualified already.
     *
     * @throws IllegalArgumentException if either part breaks the naming rule
     */
    public static String qualify(String text, String defaultNode) {
        return isQualified(text) ? text : parse(text, defaultNode).toString();
    }

    @Override
    public String toString() {
        return name + "@" + node;
    }
}
