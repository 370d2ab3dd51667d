package org.parley.node.presence;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.node.session.Session;

/**
 * Which sessions asked to hear whose presence (a {@code who} about one user): for as long as the
 * session lasts. Safe from any thread.
 */
public final class Watches {

    /** Qualified user -> sessions that asked about them. */
    private final Map<String, Set<Session>> byUser = new ConcurrentHashMap<>();
    /** Session -> qualified users it asked about, to forget them when it ends. */
    private final Map<Session, Set<String>> bySession = new ConcurrentHashMap<>();

    /** The most users one session watches: a `who` about more still answers, and subscribes to nothing. */
    public static final int MAX_PER_SESSION = 1_000;

    /** Subscribes {@code session} to {@code user}'s presence; false if the session watches {@link #MAX_PER_SESSION} others already. */
    public boolean watch(Session session, String user) {
        Set<String> watched = bySession.computeIfAbsent(session, s -> ConcurrentHashMap.newKeySet());
        if (!watched.contains(user) && watched.size() >= MAX_PER_SESSION) {
            return false;
        }
        watched.add(user);
        byUser.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(session);
        return true;
    }

    /** The sessions watching {@code user} (qualified). */
    public Set<Session> of(String user) {
        return byUser.getOrDefault(user, Set.of());
    }

    /** The session ended. */
    public void forget(Session session) {
        Set<String> users = bySession.remove(session);
        if (users == null) {
            return;
        }
        for (String user : users) {
            byUser.computeIfPresent(user, (u, sessions) -> {
                sessions.remove(session);
                return sessions.isEmpty() ? null : sessions;
            });
        }
    }
}
