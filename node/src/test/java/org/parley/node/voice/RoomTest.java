package org.parley.node.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.parley.protocol.identity.UserAddress;

class RoomTest {

    private static final UserAddress ALICE = new UserAddress("alice", "node-a");
    private static final UserAddress BOB = new UserAddress("bob", "node-b");

    @Test
    void bothPartiesOfACallFindTheSameRoomAtTheNodeOfTheAddressThatSortsFirst() {
        Room fromAlice = Room.parse("bob@node-b", ALICE, "node-a");
        Room fromBob = Room.parse("alice@node-a", BOB, "node-b");
        assertEquals(fromAlice, fromBob);
        assertEquals("node-a", fromAlice.home());
        assertEquals("bob@node-b", fromAlice.nameFor("alice@node-a"));
        assertEquals("alice@node-a", fromAlice.nameFor("bob@node-b"));
        assertEquals("alice@node-a", fromAlice.atHome());
        // the address decides, not the node's name: zed@node-a sorts after amy@node-b
        assertEquals("node-b", Room.parse("amy@node-b", new UserAddress("zed", "node-a"), "node-a").home());
    }

    @Test
    void aGroupsRoomLivesAtTheGroupsNodeAndAnEnvelopeNamesTheSameRooms() {
        Room team = Room.parse("#team", BOB, "node-b");
        assertEquals("node-b", team.home());
        assertEquals("#team@node-b", team.nameFor("alice@node-a"));
        assertEquals(team, Room.fromEnvelope("#team@node-b", "alice@node-a"));
        assertEquals(Room.parse("bob@node-b", ALICE, "node-a"), Room.fromEnvelope("alice@node-a", "bob@node-b"));
    }

    @Test
    void aCallWithYourselfOrNothingIsNoRoom() {
        assertThrows(IllegalArgumentException.class, () -> Room.parse("alice", ALICE, "node-a"));
        assertThrows(IllegalArgumentException.class, () -> Room.parse("", ALICE, "node-a"));
        assertThrows(IllegalArgumentException.class, () -> Room.parse("#bad name", ALICE, "node-a"));
    }
}
