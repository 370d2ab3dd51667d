package org.parley.node.voice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The rooms of other nodes with sessions of this node in them, by room and by the home's number. */
final class RemoteRooms {

    private record Numbered(String home, long number) {
    }

    private final Map<Room, RemoteRoom> byRoom = new HashMap<>();
    private final Map<Numbered, RemoteRoom> byNumber = new HashMap<>();

    RemoteRoom get(Room room) {
        return byRoom.get(room);
    }

    RemoteRoom byNumber(String home, long number) {
        return byNumber.get(new Numbered(home, number));
    }

    /** The room as its home numbers it over the path of {@code generation}: kept, or made anew. */
    RemoteRoom answered(Room room, long number, long generation) {
        RemoteRoom known = byRoom.get(room);
        if (known != null && known.number == number && known.generation == generation) {
            return known;
        }
        if (known != null) {
            byNumber.remove(new Numbered(room.home(), known.number), known);
        }
        RemoteRoom made = new RemoteRoom(room, number, generation);
        byRoom.put(room, made);
        byNumber.put(new Numbered(room.home(), number), made);
        return made;
    }

    void remove(RemoteRoom room) {
        byRoom.remove(room.room, room);
        byNumber.remove(new Numbered(room.room.home(), room.number), room);
    }

    List<RemoteRoom> all() {
        return new ArrayList<>(byRoom.values());
    }
}
