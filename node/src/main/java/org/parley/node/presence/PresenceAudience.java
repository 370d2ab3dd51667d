package org.parley.node.presence;

import java.util.HashSet;
import java.util.Set;
import org.parley.node.group.CoMembers;
import org.parley.node.session.Session;
import org.parley.node.session.SessionRegistry;
import org.parley.protocol.identity.UserAddress;

/**
 * Who on this node hears a user's presence, as XMPP's roster subscriptions decide it: the sessions
 * of users of this node who share a group with them or have exchanged direct messages with them,
 * and the sessions that asked about them. Finding them costs what the user's contacts, groups and
 * watchers number, never what the node's online users do.
 */
public final class PresenceAudience {

    private final String nodeName;
    private final SessionRegistry registry;
    private final Contacts contacts;
    private final CoMembers coMembers;
    private final Watches watches;

    public PresenceAudience(String nodeName, SessionRegistry registry, Contacts contacts, CoMembers coMembers,
                            Watches watches) {
        this.nodeName = nodeName;
        this.registry = registry;
        this.contacts = contacts;
        this.coMembers = coMembers;
        this.watches = watches;
    }

    /** The sessions on this node that hear {@code user}'s presence; never the user's own. */
    public Set<Session> of(UserAddress user) {
        String qualified = user.toString();
        Set<String> names = new HashSet<>(contacts.of(qualified));
        String suffix = "@" + nodeName;
        for (String group : coMembers.groupsOf(qualified)) {
            for (String member : coMembers.membersOf(group)) {
                if (member.endsWith(suffix) && member.length() > suffix.length()) {
                    names.add(member.substring(0, member.length() - suffix.length()));
                }
            }
        }
        Set<Session> sessions = new HashSet<>(watches.of(qualified));
        for (String name : names) {
            sessions.addAll(registry.sessionsOf(name));
        }
        sessions.removeIf(session -> session.user().equals(user));
        return sessions;
    }

    /** The session ended: what it asked about is forgotten. */
    public void forget(Session session) {
        watches.forget(session);
    }
}
