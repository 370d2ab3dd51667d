package org.parley.node.voice;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.protocol.message.VoiceRoom;

/**
 * A voice room this node is home to: who is in it (on this node and others), each one's number, the
 * room's epoch, and when each one's audio last reached it. Touched only on the relay's context.
 */
final class HomeRoom {

    /** One participant, wherever their session is. */
    static final class Member {
        final String node;
        final long leg;
        final String user;
        final int ssrc;
        /** The voice path to {@link #node} when they joined; they are out once it changes. */
        final long generation;
        long lastAudioNanos;
        boolean heard;

        Member(String node, long leg, String user, int ssrc, long generation) {
            this.node = node;
            this.leg = leg;
            this.user = user;
            this.ssrc = ssrc;
            this.generation = generation;
        }

        boolean speaking(long now, long speakingNanos) {
            return heard && now - lastAudioNanos <= speakingNanos;
        }

        void heard(long now) {
            heard = true;
            lastAudioNanos = now;
        }
    }

    private record Key(String node, long leg) {
    }

    final Room room;
    final long number;
    long epoch;
    private final Map<Key, Member> members = new LinkedHashMap<>();
    private final Map<Integer, Member> bySsrc = new HashMap<>();

    HomeRoom(Room room, long number) {
        this.room = room;
        this.number = number;
    }

    Member member(String node, long leg) {
        return members.get(new Key(node, leg));
    }

    Member bySsrc(int ssrc) {
        return bySsrc.get(ssrc);
    }

    void add(Member member) {
        members.put(new Key(member.node, member.leg), member);
        bySsrc.put(member.ssrc, member);
    }

    /** Takes the member out; null if there was none. */
    Member remove(String node, long leg) {
        Member gone = members.remove(new Key(node, leg));
        if (gone != null) {
            bySsrc.remove(gone.ssrc);
        }
        return gone;
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    Collection<Member> members() {
        return members.values();
    }

    /** The nodes other than {@code self} with members, each once. */
    Set<String> nodesBut(String self) {
        Set<String> nodes = new LinkedHashSet<>();
        for (Member member : members.values()) {
            if (!member.node.equals(self)) {
                nodes.add(member.node);
            }
        }
        return nodes;
    }

    /** Who is in it, in the order they joined, and who spoke within {@code speakingNanos} of {@code now}. */
    List<VoiceRoom.Participant> roster(long now, long speakingNanos) {
        List<VoiceRoom.Participant> roster = new ArrayList<>(members.size());
        for (Member member : members.values()) {
            roster.add(new VoiceRoom.Participant(member.user, member.ssrc, member.speaking(now, speakingNanos)));
        }
        return roster;
    }
}
