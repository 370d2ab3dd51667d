package org.parley.node.chat;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.federation.Federation;
import org.parley.federation.gossip.UserRecord;
import org.parley.node.session.Session;
import org.parley.node.session.SessionRegistry;
import org.parley.node.store.Account;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Presence;

/**
 * The presence of this node's users, kept in the network's directory and announced to the users
 * here who deal with them (see {@link PresenceAnnouncer}): online at the first session, away when every session has been idle for the configured time,
 * back online at the next action, offline when the last session ends.
 */
public final class UserPresence {

    private final String nodeName;
    private final Federation federation;
    private final SessionRegistry registry;
    private final PresenceAnnouncer announcer;
    private final long awayNanos;
    private final ConcurrentHashMap<String, UserRecord> published = new ConcurrentHashMap<>();

    /** @param published what the federation published for this node's users as it started */
    public UserPresence(String nodeName, Federation federation, SessionRegistry registry, PresenceAnnouncer announcer,
                        long awayNanos, List<UserRecord> published) {
        this.nodeName = nodeName;
        this.federation = federation;
        this.registry = registry;
        this.announcer = announcer;
        this.awayNanos = awayNanos;
        published.forEach(record -> this.published.put(record.name(), record));
    }

    /** Every account, offline: what the node says of its users when it starts. */
    public static List<UserRecord> offline(List<Account> accounts) {
        return accounts.stream()
                .map(a -> record(a.name(), a.signingKey(), a.agreementKey(), Presence.OFFLINE, 0))
                .toList();
    }

    /** A session of {@code user} logged in with these keys. */
    public void opened(UserAddress user, byte[] signingKey, byte[] agreementKey) {
        int sessions = registry.sessionsOf(user.name()).size();
        publish(record(user.name(), signingKey, agreementKey, Presence.ONLINE, sessions));
        if (sessions == 1) {
            announcer.announce(user, Presence.ONLINE, null);
        }
    }

    /** A session ended. */
    public void closed(Session session, String reason) {
        announcer.forget(session);
        UserAddress user = session.user();
        int sessions = registry.sessionsOf(user.name()).size();
        UserRecord before = published.get(user.name());
        if (before == null) {
            return; // deleted
        }
        Presence presence = sessions == 0 ? Presence.OFFLINE : before.presence();
        publish(withPresence(before, presence, sessions));
        if (sessions == 0) {
            announcer.announce(user, Presence.OFFLINE, reason);
        }
    }

    /** The account is gone: the network hears it removed, and this node's users hear it left. */
    public void deleted(UserAddress user) {
        published.remove(user.name());
        federation.removeUser(user.name());
        announcer.announce(user, Presence.OFFLINE, "account deleted");
    }

    /** Called every second or so: marks idle users away and active ones back online. */
    public void sweep() {
        long now = System.nanoTime();
        published.forEach((name, record) -> {
            List<Session> sessions = registry.sessionsOf(name);
            if (sessions.isEmpty() || record.presence() == Presence.OFFLINE) {
                return;
            }
            long lastActive = sessions.stream().mapToLong(Session::lastActiveNanos).max().orElse(now);
            Presence presence = now - lastActive > awayNanos ? Presence.AWAY : Presence.ONLINE;
            if (presence != record.presence()) {
                publish(withPresence(record, presence, sessions.size()));
                announcer.announce(new UserAddress(name, nodeName), presence, null);
            }
        });
    }

    private void publish(UserRecord record) {
        published.put(record.name(), record);
        federation.publishUser(record);
    }

    private static UserRecord record(String name, byte[] signingKey, byte[] agreementKey, Presence presence,
                                     int sessions) {
        return new UserRecord(name, Base64Key.encode(signingKey), Base64Key.encode(agreementKey), presence, sessions);
    }

    private static UserRecord withPresence(UserRecord record, Presence presence, int sessions) {
        return new UserRecord(record.name(), record.signingKey(), record.agreementKey(), presence, sessions);
    }
}
