package org.parley.protocol.message;

import java.util.List;

/**
 * The session is in voice room {@code room}. It sends its audio as UDP datagrams to {@code port}
 * on its node's host, each starting with {@code token} (base64 of 16 bytes; a secret of this
 * session), under its number {@code ssrc}, and hears the others' from the same port. The room's
 * {@code epoch} changes whenever someone joins or leaves: speakers then make new keys
 * (docs/PROTOCOL.md, "Voice").
 */
public record VoiceJoined(String id, String room, String token, int port, int ssrc, long epoch,
                          List<VoiceRoom.Participant> participants) implements ServerMessage {

    public VoiceJoined {
        participants = List.copyOf(participants);
    }
}
