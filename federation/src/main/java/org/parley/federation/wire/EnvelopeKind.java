package org.parley.federation.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.parley.protocol.message.Spelled;

/** What an {@link Envelope} carries, which decides who handles it at its destination. */
public enum EnvelopeKind implements Spelled {
    /** A direct message (or a post to a group, for its home). */
    CHAT("chat"),
    /** News of messages for their senders: the body is a list of {@link ReceiptNote}; no {@code from} or {@code to}. */
    RECEIPTS("receipts"),
    /** A group message from the group's home (the origin) to the members on the destination. */
    GROUP("group"),
    /** A user's request about a group, to the group's home; the body is the client's request header. */
    GROUP_REQUEST("group-request"),
    /** The group's home answers {@code to}; the body is the answer's header (group-info or error). */
    GROUP_REPLY("group-reply"),
    /** The group's home tells {@code members} of a membership change; the body is the notice header. */
    GROUP_NOTICE("group-notice"),
    /**
     * A user of the origin ({@code from}) asks to watch video {@code to} ({@code name@destination});
     * the body says which rendition and from where. Answered by a video bulk stream, or a refusal.
     */
    VIDEO_REQUEST("video-request"),
    /** The video's node refuses a watch request for user {@code to}; the body says why. */
    VIDEO_REPLY("video-reply"),
    /**
     * A user's request about a voice room (join, leave, who), to the room's home; {@code to} is the
     * room as the home names it (a group of the home, or the other party of a call, a user of the home).
     */
    VOICE_REQUEST("voice-request"),
    /** The voice room's home answers {@code to}, a user of the destination. */
    VOICE_REPLY("voice-reply"),
    /**
     * The voice room's home tells the destination who is in the room now: for its users in
     * {@code members}; {@code to} is the room (a group of the home, or the home's party of a call).
     */
    VOICE_NOTICE("voice-notice");

    /** Read on every item that carries one: {@code values()} would copy the array each time. */
    private static final EnvelopeKind[] ALL = values();

    private final String word;

    EnvelopeKind(String word) {
        this.word = word;
    }

    @JsonValue
    @Override
    public String word() {
        return word;
    }

    /** The word, so logs read as the wire does. */
    @Override
    public String toString() {
        return word;
    }

    /** The kind spelled {@code word}, or null if this version knows no such kind. */
    @JsonCreator
    public static EnvelopeKind of(String word) {
        return Spelled.find(ALL, word);
    }
}
