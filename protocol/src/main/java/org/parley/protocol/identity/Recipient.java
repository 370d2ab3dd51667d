package org.parley.protocol.identity;

/**
 * Where a message goes: one user, the members of a group ({@code #team@node-a}), or everyone on the
 * network ({@code *}).
 */
public sealed interface Recipient {

    /** The wire spelling of "everyone". */
    String EVERYONE = "*";

    /**
     * Parses the {@code to} of a message.
     *
     * @throws IllegalArgumentException if it is neither {@code *} nor a valid address
     */
    static Recipient parse(String to, String defaultNode) {
        if (EVERYONE.equals(to)) {
            return Everyone.INSTANCE;
        }
        if (GroupAddress.isGroup(to)) {
            return new Group(GroupAddress.parse(to, defaultNode));
        }
        return new User(UserAddress.parse(to, defaultNode));
    }

    /** Every online user on every node, except the sender. */
    enum Everyone implements Recipient {
        INSTANCE;

        @Override
        public String toString() {
            return EVERYONE;
        }
    }

    /** A single user. */
    record User(UserAddress address) implements Recipient {
        @Override
        public String toString() {
            return address.toString();
        }
    }

    /** The members of a group, other than the sender. */
    record Group(GroupAddress address) implements Recipient {
        @Override
        public String toString() {
            return address.toString();
        }
    }
}
