package org.parley.federation.auth;

import java.util.List;
import java.util.Set;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.EnvelopeKind;
import org.parley.federation.wire.Flood;
import org.parley.federation.wire.ReceiptNote;
import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.identity.Name;

/**
 * What an authenticated origin may say: a node speaks for its own users and groups only, and every
 * item names what its kind needs (an id, a sender, a recipient) before anything is stored. A tag
 * proves who sent an item; these rules keep that node from speaking for another's users. Each check
 * returns null if the item is fine, else what is wrong, in words for the log. Stateless.
 */
public final class OriginRules {

    /** The most hops any item may carry: hop counts are not covered by tags, so relays could raise them. */
    public static final int MAX_HOPS = 64;
    /** The longest id an item may carry (clients' ids are at most 64 characters; nodes make longer ones). */
    public static final int MAX_ID_LENGTH = 128;
    /** How far a flood's time may be from this node's clock: an older one is a replay. */
    public static final long FLOOD_WINDOW_MILLIS = 5 * 60_000;


    private OriginRules() {
    }

    public static boolean hopsInBounds(int hops) {
        return hops >= 1 && hops <= MAX_HOPS;
    }

    /** An envelope from {@code envelope.origin()} to this node, {@code self}, once its tag checked out. */
    public static String problem(Envelope envelope, String self) {
        String origin = envelope.origin();
        if (envelope.kind() == null) {
            return "it has no kind, or one this node does not know (one of "
                    + org.parley.protocol.message.Spelled.words(EnvelopeKind.values()) + ")";
        }
        String id = idProblem(envelope.id());
        if (id != null) {
            return id;
        }
        return switch (envelope.kind()) {
            case CHAT -> firstOf(userOf(envelope.from(), origin, "sender"),
                    GroupAddress.isGroup(envelope.to()) ? groupOf(envelope.to(), self, "group")
                            : userOf(envelope.to(), self, "recipient"));
            case GROUP_REQUEST -> firstOf(userOf(envelope.from(), origin, "sender"),
                    groupOf(envelope.to(), self, "group"));
            case GROUP -> firstOf(groupOf(envelope.to(), origin, "group"),
                    userOf(envelope.from(), null, "sender"), membersOf(envelope.members(), self));
            case GROUP_NOTICE -> firstOf(groupOf(envelope.to(), origin, "group"),
                    membersOf(envelope.members(), self));
            case GROUP_REPLY, VIDEO_REPLY, VOICE_REPLY -> userOf(envelope.to(), self, "recipient");
            case VIDEO_REQUEST -> firstOf(userOf(envelope.from(), origin, "viewer"),
                    addressAt(envelope.to(), self, "video", "video"));
            case VOICE_REQUEST -> firstOf(userOf(envelope.from(), origin, "sender"),
                    GroupAddress.isGroup(envelope.to()) ? groupOf(envelope.to(), self, "room")
                            : userOf(envelope.to(), self, "room"));
            case VOICE_NOTICE -> firstOf(GroupAddress.isGroup(envelope.to()) ? groupOf(envelope.to(), origin, "room")
                    : userOf(envelope.to(), origin, "room"), membersOf(envelope.members(), self));
            case RECEIPTS -> envelope.from() == null && envelope.to() == null ? null
                    : "receipts name no sender or recipient of their own";
        };
    }

    /** A receipt from {@code origin} to this node: news about a user of the origin, for a user here. */
    public static String problem(ReceiptNote note, String origin, String self) {
        if (note == null || note.status() == null) {
            return "a receipt has no status";
        }
        return firstOf(idProblem(note.id()), userOf(note.from(), origin, "receipt's recipient"),
                userOf(note.to(), self, "receipt's sender"));
    }

    /** A flood whose signature checked out against its origin's key, as this node sees it at {@code now}. */
    public static String problem(Flood flood, long now) {
        String origin = flood.origin();
        if (flood.floodId() == null || !flood.floodId().startsWith(origin + ":")
                || flood.floodId().length() > MAX_ID_LENGTH) {
            return "flood id " + flood.floodId() + " is not one of " + origin + "'s";
        }
        if (Math.abs(now - flood.sentAt()) > FLOOD_WINDOW_MILLIS) {
            return "it was sent at " + flood.sentAt() + ", more than " + FLOOD_WINDOW_MILLIS / 60_000
                    + " minutes from now (" + now + "): a replay, or a clock far off";
        }
        return firstOf(idProblem(flood.id()), userOf(flood.from(), origin, "sender"));
    }

    /** The user name in an address these rules found to be a user's: what precedes its {@code '@'}. */
    public static String nameOf(String checkedAddress) {
        return checkedAddress.substring(0, checkedAddress.indexOf('@'));
    }

    private static String idProblem(String id) {
        return id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH
                ? "its id is missing or longer than " + MAX_ID_LENGTH + " characters" : null;
    }

    /**
     * {@code text} is a qualified user address at {@code node} (any node if null). Every message and
     * receipt between nodes pays for this check, so the way to yes allocates nothing.
     */
    private static String userOf(String text, String node, String role) {
        return addressAt(text, node, role, "user");
    }

    /**
     * {@code text} is {@code name@node} (any node if null), both following the naming rule: the
     * address of a {@code what} (a user, a video) of that node.
     */
    private static String addressAt(String text, String node, String role, String what) {
        int at = text == null ? -1 : text.indexOf('@');
        if (at < 0) {
            return "its " + role + " '" + text + "' is not a qualified " + what + " address";
        }
        boolean atNode = node == null ? Name.isValid(text.substring(at + 1))
                : text.length() - at - 1 == node.length() && text.startsWith(node, at + 1);
        if (!atNode || !Name.isValid(text, 0, at)) {
            return node != null && Name.isValid(text, 0, at) && Name.isValid(text.substring(at + 1))
                    ? "its " + role + " " + text + " is not a " + what + " of node " + node
                    : "its " + role + " '" + text + "' is not a " + what + " address (" + Name.RULE + ")";
        }
        return null;
    }

    private static String groupOf(String text, String node, String role) {
        if (text == null || text.indexOf('@') < 0) {
            return "its " + role + " '" + text + "' is not a qualified group address";
        }
        try {
            GroupAddress address = GroupAddress.parse(text, null);
            return address.node().equals(node) ? null : "its " + role + " " + text + " is not a group of node " + node;
        } catch (IllegalArgumentException e) {
            return "its " + role + " '" + text + "' is not a group address (" + e.getMessage() + ")";
        }
    }

    private static String membersOf(List<String> members, String self) {
        if (members == null || members.isEmpty()) {
            return "it names no members";
        }
        for (String member : members) {
            String problem = userOf(member, self, "member");
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String firstOf(String... problems) {
        for (String problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
