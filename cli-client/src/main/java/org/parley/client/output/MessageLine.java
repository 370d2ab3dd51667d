package org.parley.client.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.message.Delivery;

/**
 * How an arriving message is printed: one line for people, or one JSON object for scripts.
 */
public record MessageLine(String id, String from, String to, String text, long sentAt) {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    public static MessageLine of(Delivery delivery, byte[] body) {
        return new MessageLine(delivery.id(), delivery.from(), delivery.to(), new String(body, StandardCharsets.UTF_8),
                delivery.sentAt());
    }

    /** {@code [12:00:01] alice@node-a: hello}, with broadcasts and group messages marked ({@code in #team@node-a}). */
    public String text(boolean color) {
        String who = color ? "\u001b[1m" + from + "\u001b[0m" : from;
        String scope = "*".equals(to) ? " (to everyone)" : to.startsWith("#") ? " in " + to : "";
        return "[" + CLOCK.format(Instant.ofEpochMilli(sentAt)) + "] " + who + scope + ": " + printable(shortened(text));
    }

    /** How much of a message a screen shows; {@code --json} carries all of it. */
    public static final int SHOWN_CHARS = 2000;

    /**
     * A message of a megabyte printed whole buries the screen: past {@link #SHOWN_CHARS} the rest
     * is left out, with a note of the whole size.
     */
    static String shortened(String text) {
        if (text.length() <= SHOWN_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(SHOWN_CHARS - 1)) ? SHOWN_CHARS - 1 : SHOWN_CHARS;
        return text.substring(0, end) + " \u2026 [shortened: the message is "
                + ProgressLine.bytes(text.getBytes(StandardCharsets.UTF_8).length) + "; --json shows all of it]";
    }

    public String json() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("from", from);
        fields.put("to", to);
        if (to.startsWith("#")) {
            fields.put("group", to);
        }
        fields.put("text", text);
        fields.put("sentAt", sentAt);
        try {
            return WireJson.mapper().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Control characters from another user must not drive our terminal. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
                out.appendCodePoint(c);
            } else {
                out.append('\uFFFD');
            }
        });
        return out.toString();
    }
}
