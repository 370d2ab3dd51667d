package org.parley.node.voice;

import org.parley.node.session.ClientConnection;

/**
 * A session of this node in a voice room: its token, its number in the room once the home gave it
 * one, the address its keepalives come from (latched), when it was last heard. Touched only on the
 * relay's context.
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
    /** Where its datagrams come from and listeners' packets go; null until a keepalive latched it. */
    String host;
    int port;
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
        return host != null;
    }

    boolean latchedAt(String fromHost, int fromPort) {
        return fromPort == port && fromHost.equals(host);
    }

    void latch(String fromHost, int fromPort) {
        host = fromHost;
        port = fromPort;
    }

    @Override
    public String toString() {
        return user + " in " + room + " (leg " + id + ")";
    }
}
