package org.parley.protocol.message;

import java.util.List;

/**
 * Who is in voice room {@code room}, across nodes: the answer to {@link VoiceWho} or
 * {@link VoiceLeave} ({@code id} set), or news to every participant, and to the other user of a
 * call, when someone joins or leaves ({@code id} absent).
 *
 * @param epoch changes with every join and leave; speakers key each epoch afresh
 */
public record VoiceRoom(String id, String room, long epoch, List<Participant> participants) implements ServerMessage {

    public VoiceRoom {
        participants = List.copyOf(participants);
    }

    /**
     * One participant.
     *
     * @param ssrc     the number their packets carry
     * @param speaking whether their audio reached the room's home in the last half second
     */
    public record Participant(String user, int ssrc, boolean speaking) {
    }
}
