package org.parley.node.voice;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.List;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.VoiceRoom;

/**
 * The JSON bodies of the voice envelopes between a room's home and the nodes of its participants
 * (docs/PROTOCOL.md, "Voice between nodes").
 */
final class VoiceWire {

    private VoiceWire() {
    }

    /**
     * A user's request to the room's home ({@code voice-request}); the envelope's {@code from} is the
     * user, its {@code to} the room.
     *
     * @param leg the user's place in the room, numbered by the user's node
     */
    record Ask(VoiceAction action, long leg) {
    }

    /**
     * The home's answer ({@code voice-reply}), with the request's envelope id: the room as it stands
     * after the request, or why it was refused ({@code code} set).
     *
     * @param at   the room as the request's envelope named it (the home's party of a call, or the group)
     * @param room the room's number at its home, which datagrams between nodes carry
     * @param ssrc the joiner's number in the room (join only)
     */
    record Answer(VoiceAction action, long leg, String at, long room, long epoch, int ssrc,
                  List<VoiceRoom.Participant> participants, ErrorCode code, String message) {

        Answer {
            participants = participants == null ? List.of() : List.copyOf(participants);
        }

        static Answer refused(Ask ask, Room room, ErrorCode code, String message) {
            return new Answer(ask.action(), ask.leg(), room.atHome(), 0, 0, 0, List.of(), code, message);
        }
    }

    /** The home tells a node who is in the room now ({@code voice-notice}). */
    record News(long room, long epoch, List<VoiceRoom.Participant> participants) {

        News {
            participants = participants == null ? List.of() : List.copyOf(participants);
        }
    }

    private static final ObjectWriter WRITER = WireJson.mapper().writer();
    private static final ObjectReader ASK = WireJson.mapper().readerFor(Ask.class);
    private static final ObjectReader ANSWER = WireJson.mapper().readerFor(Answer.class);
    private static final ObjectReader NEWS = WireJson.mapper().readerFor(News.class);

    static byte[] write(Object body) {
        try {
            return WRITER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + body.getClass().getSimpleName(), e);
        }
    }

    static Ask ask(byte[] body) throws IOException {
        return ASK.readValue(body);
    }

    static Answer answer(byte[] body) throws IOException {
        return ANSWER.readValue(body);
    }

    static News news(byte[] body) throws IOException {
        return NEWS.readValue(body);
    }
}
