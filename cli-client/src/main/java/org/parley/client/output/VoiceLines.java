package org.parley.client.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.message.VoiceRoom;

/** Who is in a voice room: a heading and a line per participant for people, one JSON object for scripts. */
public final class VoiceLines {

    private VoiceLines() {
    }

    public static List<String> text(VoiceRoom room) {
        List<String> lines = new ArrayList<>();
        int count = room.participants().size();
        lines.add(room.room() + ": " + (count == 0 ? "nobody" : count + (count == 1 ? " participant" : " participants"))
                + ", " + room.participants().stream().filter(VoiceRoom.Participant::speaking).count() + " speaking");
        room.participants().forEach(participant -> lines.add(String.format("  %-40s %s", participant.user(),
                participant.speaking() ? "speaking" : "silent")));
        return lines;
    }

    /** {"room":..., "epoch":..., "participants":[{"user":..., "ssrc":..., "speaking":...}]} */
    public static String json(VoiceRoom room) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("room", room.room());
        fields.put("epoch", room.epoch());
        fields.put("participants", room.participants().stream().map(participant -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("user", participant.user());
            one.put("ssrc", Integer.toUnsignedLong(participant.ssrc()));
            one.put("speaking", participant.speaking());
            return one;
        }).toList());
        try {
            return WireJson.mapper().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
