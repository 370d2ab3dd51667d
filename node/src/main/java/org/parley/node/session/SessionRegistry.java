package org.parley.node.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Who is logged in on this node, shared by every event loop. A user may hold several sessions
 * (an interactive client and a script, say); lists are replaced, never mutated, so readers on the
 * hot path iterate without locks.
 */
public final class SessionRegistry {

    private final ConcurrentHashMap<String, List<Session>> byName = new ConcurrentHashMap<>();

    /** Adds a session; true if it is the user's first, so the user just came online. */
    public boolean add(Session session) {
        boolean[] first = {false};
        byName.compute(session.user().name(), (name, sessions) -> {
            if (sessions == null) {
                first[0] = true;
                return List.of(session);
            }
            List<Session> grown = new ArrayList<>(sessions);
            grown.add(session);
            return List.copyOf(grown);
        });
        return first[0];
    }

    /** Removes a session; true if it was the user's last, so the user just went offline. */
    public boolean remove(Session session) {
        boolean[] last = {false};
        byName.computeIfPresent(session.user().name(), (name, sessions) -> {
            if (!sessions.contains(session)) {
                return sessions;
            }
            List<Session> shrunk = new ArrayList<>(sessions);
            shrunk.remove(session);
            last[0] = shrunk.isEmpty();
            return shrunk.isEmpty() ? null : List.copyOf(shrunk);
        });
        return last[0];
    }

    /** The user's open sessions, empty if offline. */
    public List<Session> sessionsOf(String name) {
        return byName.getOrDefault(name, List.of());
    }

    public void forEachSession(Consumer<Session> action) {
        for (List<Session> sessions : byName.values()) {
            sessions.forEach(action);
        }
    }

    /** Users online now (one or more sessions each): for metrics, without a copy. */
    public int userCount() {
        return byName.size();
    }

    /** Each online user with its session count, for who-is-online. */
    public Map<String, Integer> onlineUsers() {
        Map<String, Integer> online = new java.util.TreeMap<>();
        byName.forEach((name, sessions) -> online.put(name, sessions.size()));
        return online;
    }
}
