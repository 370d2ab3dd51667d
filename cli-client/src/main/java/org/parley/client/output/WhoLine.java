package org.parley.client.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.message.UserStatus;

/**
 * One user in {@code who}: aligned columns for people, one JSON object for scripts.
 */
public final class WhoLine {

    /** The order users are printed in: online and away first, then by node and name. */
    public static final java.util.Comparator<UserStatus> ORDER = java.util.Comparator
            .comparing((UserStatus u) -> u.status() == org.parley.protocol.message.Presence.OFFLINE)
            .thenComparing(UserStatus::node).thenComparing(UserStatus::user);

    private WhoLine() {
    }

    /** "2 online, 1 away, 3 offline": away users are counted as away, not as online. */
    public static String count(java.util.Collection<UserStatus> users) {
        Map<org.parley.protocol.message.Presence, Long> by = new java.util.EnumMap<>(
                org.parley.protocol.message.Presence.class);
        users.forEach(user -> by.merge(user.status(), 1L, Long::sum));
        long away = by.getOrDefault(org.parley.protocol.message.Presence.AWAY, 0L);
        return by.getOrDefault(org.parley.protocol.message.Presence.ONLINE, 0L) + " online, "
                + (away > 0 ? away + " away, " : "")
                + by.getOrDefault(org.parley.protocol.message.Presence.OFFLINE, 0L) + " offline";
    }

    public static String text(UserStatus user) {
        String sessions = user.sessions() > 1 ? "  (" + user.sessions() + " sessions)" : "";
        return String.format("%-40s %-8s%s", user.user(), user.status().wireName(), sessions);
    }

    public static String json(UserStatus user) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("user", user.user());
        fields.put("node", user.node());
        fields.put("status", user.status().wireName());
        fields.put("sessions", user.sessions());
        try {
            return WireJson.mapper().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
