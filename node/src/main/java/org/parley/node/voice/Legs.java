package org.parley.node.voice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.node.session.ClientConnection;

/**
 * This node's sessions in voice rooms, found by token (every datagram), by number (answers from
 * other nodes), by session (one room per session) and by room (who hears a packet here). Touched
 * only on the relay's context.
 */
final class Legs {

    private final Map<VoiceToken, Leg> byToken = new HashMap<>();
    private final Map<Long, Leg> byId = new HashMap<>();
    private final Map<ClientConnection, Leg> bySession = new HashMap<>();
    private final Map<Room, Set<Leg>> byRoom = new HashMap<>();

    void add(Leg leg) {
        byToken.put(leg.token, leg);
        byId.put(leg.id, leg);
        bySession.put(leg.session, leg);
        byRoom.computeIfAbsent(leg.room, r -> new LinkedHashSet<>()).add(leg);
    }

    void remove(Leg leg) {
        byToken.remove(leg.token, leg);
        byId.remove(leg.id, leg);
        bySession.remove(leg.session, leg);
        Set<Leg> inRoom = byRoom.get(leg.room);
        if (inRoom != null && inRoom.remove(leg) && inRoom.isEmpty()) {
            byRoom.remove(leg.room);
        }
    }

    Leg byToken(VoiceToken token) {
        return byToken.get(token);
    }

    Leg byId(long id) {
        return byId.get(id);
    }

    Leg bySession(ClientConnection session) {
        return bySession.get(session);
    }

    /** This node's legs in {@code room}, joining ones included; empty if none. */
    Set<Leg> in(Room room) {
        return byRoom.getOrDefault(room, Set.of());
    }

    /** Every leg, as a copy to change the legs over. */
    List<Leg> all() {
        return new ArrayList<>(byId.values());
    }

    /** Whether {@code user} has a leg in {@code room}. */
    boolean hasUserIn(Room room, String user) {
        for (Leg leg : in(room)) {
            if (leg.user.equals(user)) {
                return true;
            }
        }
        return false;
    }
}
