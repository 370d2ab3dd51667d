package org.parley.node.voice;

import org.parley.node.session.ClientConnection;

/**
 * Sends the relay's packets to listeners latched on their WebSocket, as binary messages beside their
 * session's frames. The relay never waits on one: a packet for a WebSocket that has more than
 * {@link #MAX_WAITING_BYTES} waiting already (a slow or stalled browser) is dropped and counted, so
 * such a listener loses its own packets, as a UDP listener loses them in its own socket, and costs
 * nobody else anything; nor does its backlog of audio grow toward the limit that would end its session.
 */
final class WebSocketOut {

    /** About a second of audio from a few speakers: more waiting is audio too late to play. */
    static final long MAX_WAITING_BYTES = 16 * 1024;

    private final VoiceDrops drops;
    private final java.util.concurrent.atomic.AtomicLong relayed;

    /** @param relayed counts each packet handed to a WebSocket, as the UDP sends count theirs */
    WebSocketOut(VoiceDrops drops, java.util.concurrent.atomic.AtomicLong relayed) {
        this.drops = drops;
        this.relayed = relayed;
    }

    void send(ClientConnection session, byte[] packet) {
        if (session.offerUnlessBehind(packet, MAX_WAITING_BYTES)) {
            relayed.incrementAndGet();
        } else {
            drops.drop(VoiceDrop.SLOW_WEB_LISTENER);
        }
    }
}
