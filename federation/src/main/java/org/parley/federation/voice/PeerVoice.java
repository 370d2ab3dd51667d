package org.parley.federation.voice;

import java.util.concurrent.atomic.AtomicLong;
import org.parley.federation.link.PeerLink;

/**
 * The voice path over one link, as this node holds it: its own half (the key it tags with, the
 * number the peer puts on what it sends here) from the moment the link is up, and the peer's half
 * once the peer's hello arrived. Made and changed on the federation context; read by the relay's.
 */
final class PeerVoice {

    final PeerLink link;
    final long ownNumber;
    final DatagramKey ownKey;
    final AtomicLong sent = new AtomicLong();
    /** The peer's half, or null until its hello arrives. */
    private volatile Peer peer;

    /**
     * The peer's half.
     *
     * @param generation this path's number among all this node has had: changes with each link
     */
    record Peer(String host, int port, long number, DatagramKey key, LinkReplayWindow window, long generation) {
    }

    PeerVoice(PeerLink link, long ownNumber, byte[] ownKey) {
        this.link = link;
        this.ownNumber = ownNumber;
        this.ownKey = new DatagramKey(ownKey);
    }

    Peer peer() {
        return peer;
    }

    void peer(Peer half) {
        peer = half;
    }
}
