package org.parley.node.voice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The voice rooms this node is home to, by room and by number. It numbers rooms, participants
 * ({@code ssrc}) and changes ({@code epoch}) from counters of its own for the whole run, so a number
 * is never given twice, even to a room that ended and began again: keys and replay windows made for
 * one never meet another. Touched only on the relay's context.
 */
final class HomeRooms {

    private final Map<Room, HomeRoom> byRoom = new HashMap<>();
    private final Map<Long, HomeRoom> byNumber = new HashMap<>();
    private long lastNumber;
    private int lastSsrc;
    /** Epochs grow from the start time in microseconds, so a restarted home never repeats one. */
    private long lastEpoch;

    HomeRooms(long epochStart) {
        this.lastEpoch = epochStart;
    }

    HomeRoom get(Room room) {
        return byRoom.get(room);
    }

    HomeRoom byNumber(long number) {
        return byNumber.get(number);
    }

    List<HomeRoom> all() {
        return new ArrayList<>(byRoom.values());
    }

    /**
     * Puts a participant in {@code room}, making the room if it has none: a new number and a new epoch.
     * A leg already in it stays as it is (a request repeated after a link came back).
     */
    HomeRoom.Member join(Room room, String node, long leg, String user, long generation) {
        HomeRoom home = byRoom.computeIfAbsent(room, r -> {
            HomeRoom made = new HomeRoom(r, ++lastNumber);
            byNumber.put(made.number, made);
            return made;
        });
        HomeRoom.Member member = home.member(node, leg);
        if (member == null) {
            member = new HomeRoom.Member(node, leg, user, ++lastSsrc, generation);
            home.add(member);
            home.epoch = ++lastEpoch;
        }
        return member;
    }

    /** Takes a participant out, with a new epoch; the room ends once empty. Null if it was not in. */
    HomeRoom.Member leave(HomeRoom home, String node, long leg) {
        HomeRoom.Member gone = home.remove(node, leg);
        if (gone != null) {
            home.epoch = ++lastEpoch;
            if (home.isEmpty()) {
                byRoom.remove(home.room, home);
                byNumber.remove(home.number, home);
            }
        }
        return gone;
    }
}
