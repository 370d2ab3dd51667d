package org.parley.node.voice;

import java.util.List;
import org.parley.protocol.message.VoiceRoom;

/**
 * A voice room of another node in which sessions of this node are: the home's number for it (which
 * the packets from the home carry), the path it came over, and who is in it as the home last said.
 * Touched only on the relay's context.
 */
final class RemoteRoom {

    final Room room;
    final long number;
    /** The voice path to the home when the room was first answered; the room is lost here once it changes. */
    final long generation;
    long epoch;
    List<VoiceRoom.Participant> roster = List.of();

    RemoteRoom(Room room, long number, long generation) {
        this.room = room;
        this.number = number;
        this.generation = generation;
    }

    /** Takes what the home says if it is newer than what this node has. */
    void heard(long atEpoch, List<VoiceRoom.Participant> participants) {
        if (atEpoch >= epoch) {
            epoch = atEpoch;
            roster = participants;
        }
    }
}
