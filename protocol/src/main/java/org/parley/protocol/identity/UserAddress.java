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

    @Override
    public String toString() {
        return name + "@" + node;
    }
}
