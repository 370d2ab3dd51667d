package org.parley.client.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.protocol.frame.WireJson;

/**
 * One direct message of a conversation, as this user's history keeps it.
 *
 * @param me        this user, qualified ({@code alice@node-a})
 * @param peer      the other side, qualified ({@code bob@node-b})
 * @param outgoing  true if this user sent it
 * @param at        when it was sent (incoming: the sender's node's time) or accepted (outgoing), epoch ms
 */
public record HistoryEntry(String id, String me, String peer, boolean outgoing, String text, long at) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /** {@code [2026-11-21 12:00:01] -> bob@node-b: hi} for people. */
    public String line() {
        return "[" + WHEN.format(Instant.ofEpochMilli(at)) + "] " + (outgoing ? "-> " : "<- ") + peer + ": " + text;
    }

    /** One JSON object for scripts: {@code id}, {@code from}, {@code to}, {@code text}, {@code at}. */
    public String json() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("from", outgoing ? me : peer);
        fields.put("to", outgoing ? peer : me);
        fields.put("text", text);
        fields.put("at", at);
        try {
            return WireJson.mapper().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
