package org.parley.node.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.message.VoiceRoom;

class HomeRoomsTest {

    private final Room team = new Room.Group(new GroupAddress("team", "node-a"));

    @Test
    void everyJoinAndLeaveMovesTheEpochAndARepeatedJoinChangesNothing() {
        HomeRooms homes = new HomeRooms(1000);
        HomeRoom.Member alice = homes.join(team, "node-a", 1, "alice@node-a", 0);
        HomeRoom room = homes.get(team);
        long first = room.epoch;
        HomeRoom.Member bob = homes.join(team, "node-b", 1, "bob@node-b", 7);
        long second = room.epoch;
        assertTrue(second > first);
        assertSame(bob, homes.join(team, "node-b", 1, "bob@node-b", 7), "a request repeated");
        assertEquals(second, room.epoch);
        assertEquals(Set.of("node-b"), room.nodesBut("node-a"));
        assertSame(alice, room.bySsrc(alice.ssrc));
        assertSame(room, homes.byNumber(room.number));

        homes.leave(room, "node-b", 1);
        assertTrue(room.epoch > second);
        assertNull(homes.leave(room, "node-b", 1), "not in any more");
    }

    @Test
    void numbersAreNeverGivenTwiceEvenToARoomThatEndedAndBeganAgain() {
        HomeRooms homes = new HomeRooms(0);
        HomeRoom.Member first = homes.join(team, "node-a", 1, "alice@node-a", 0);
        HomeRoom before = homes.get(team);
        homes.leave(before, "node-a", 1);
        assertNull(homes.get(team), "an empty room ends");
        HomeRoom.Member again = homes.join(team, "node-a", 2, "alice@node-a", 0);
        HomeRoom after = homes.get(team);
        assertNotEquals(first.ssrc, again.ssrc);
        assertNotEquals(before.number, after.number);
        assertTrue(after.epoch > before.epoch);
    }

    @Test
    void aMemberIsSpeakingWhileTheirAudioIsRecent() {
        HomeRooms homes = new HomeRooms(0);
        HomeRoom.Member alice = homes.join(team, "node-a", 1, "alice@node-a", 0);
        HomeRoom room = homes.get(team);
        assertEquals(List.of(new VoiceRoom.Participant("alice@node-a", alice.ssrc, false)), room.roster(0, 500));
        alice.heard(1_000);
        assertEquals(List.of(new VoiceRoom.Participant("alice@node-a", alice.ssrc, true)), room.roster(1_400, 500));
        assertEquals(List.of(new VoiceRoom.Participant("alice@node-a", alice.ssrc, false)), room.roster(1_501, 500));
    }
}
