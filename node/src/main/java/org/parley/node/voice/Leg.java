package org.parley.node.voice;

import org.parley.node.session.ClientConnection;

/**
 * A session of this node in a voice room: its token, its number in the room once the home gave it
 * one, the address its keepalives come from (latched: a UDP address, or its session's WebSocket), when
 * it was last heard. Touched only on the relay's context.
 */
final class Leg {

    /** Where a leg is: asked the home to join and waiting, or in the room. */
    enum State { JOINING, IN }

    final long id;
    final ClientConnection session;
    final String user;
    final Room room;
    final VoiceToken token;
    State state = State.JOINING;
    /** The home's number of the room (0 until the home answered). */
    long roomNumber;
    int ssrc;
    /** The newest epoch this leg's session has been told of: news it has had is not sent twice. */
    long toldEpoch;
    /** Where its packets come from and listeners' packets go; null until a keepalive latched it. */
    LegAddress address;
    long lastHeardNanos;

    Leg(long id, ClientConnection session, Room room, VoiceToken token, long now) {
        this.id = id;
        this.session = session;
        this.user = session.qualifiedName();
        this.room = room;
        this.token = token;
        this.lastHeardNanos = now;
    }

    boolean latched() {
        return address != null;
    }

    boolean latchedAt(LegAddress from) {
        return from.equals(address);
    }

    void latch(LegAddress from) {
        address = from;
    }

    @Override
    public String toString() {
        return user + " in " + room + " (leg " + id + ")";
    }
}
