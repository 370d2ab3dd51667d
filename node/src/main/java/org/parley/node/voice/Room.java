package org.parley.node.voice;

import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.identity.UserAddress;

/**
 * A voice room: a group's ({@code #team@node-a}, members only) or a call between two users. A room
 * lives at its home: the group's node, or for a call the node of the party whose address sorts first,
 * so both parties find the same home whoever joins first.
 */
public sealed interface Room {

    /** The node that keeps the room: who is in it, their numbers, its epoch. */
    String home();

    /** How frames to {@code user} name the room: the group, or for a call the other party. */
    String nameFor(String user);

    /** How envelopes to and from the home name the room: the group, or the call's party at the home. */
    String atHome();

    /**
     * The room {@code user} means by {@code text}: a group ({@code #team}, {@code #team@node-a}) or a
     * user to call ({@code bob}, {@code bob@node-b}).
     *
     * @throws IllegalArgumentException if it is neither, or names the user themself
     */
    static Room parse(String text, UserAddress user, String nodeName) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("no room: name a group (#team@node-a) or a user to call (bob@node-b)");
        }
        if (GroupAddress.isGroup(text)) {
            return new Group(GroupAddress.parse(text, nodeName));
        }
        UserAddress other = UserAddress.parse(text, nodeName);
        if (other.equals(user)) {
            throw new IllegalArgumentException("a call is with someone else; " + text + " is you");
        }
        return Call.of(user.toString(), other.toString());
    }

    /**
     * The room an envelope names: {@code atHome} as the home names it (a group, or a party of a call)
     * and, for a call, the other party.
     *
     * @throws IllegalArgumentException if either is not an address
     */
    static Room fromEnvelope(String atHome, String otherParty) {
        if (GroupAddress.isGroup(atHome)) {
            return new Group(GroupAddress.parse(atHome, null));
        }
        return Call.of(UserAddress.parse(atHome, null).toString(), UserAddress.parse(otherParty, null).toString());
    }

    /** A group's room. */
    record Group(GroupAddress address) implements Room {

        @Override
        public String home() {
            return address.node();
        }

        @Override
        public String nameFor(String user) {
            return address.toString();
        }

        @Override
        public String atHome() {
            return address.toString();
        }

        @Override
        public String toString() {
            return address.toString();
        }
    }

    /**
     * A call between two users, qualified, {@code first} the one whose address sorts first.
     */
    record Call(String first, String second) implements Room {

        /** The call between {@code one} and {@code other}, in either order. */
        static Call of(String one, String other) {
            return one.compareTo(other) <= 0 ? new Call(one, other) : new Call(other, one);
        }

        @Override
        public String home() {
            return first.substring(first.indexOf('@') + 1);
        }

        @Override
        public String nameFor(String user) {
            return user.equals(first) ? second : first;
        }

        @Override
        public String atHome() {
            return first;
        }

        /** Whether {@code user} is one of the two. */
        boolean party(String user) {
            return first.equals(user) || second.equals(user);
        }

        @Override
        public String toString() {
            return "call " + first + " / " + second;
        }
    }
}
