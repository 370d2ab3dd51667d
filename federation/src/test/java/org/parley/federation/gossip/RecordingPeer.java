package org.parley.federation.gossip;

import java.util.ArrayList;
import java.util.List;
import org.parley.federation.link.LinkedPeer;
import org.parley.federation.wire.PeerMessage;

/** The far end of a link that a test plays by hand: it keeps what the engine sends it. */
final class RecordingPeer implements LinkedPeer {

    private final String name;
    private final List<PeerMessage> received = new ArrayList<>();

    RecordingPeer(String name) {
        this.name = name;
    }

    @Override
    public String peerName() {
        return name;
    }

    @Override
    public void send(PeerMessage message) {
        received.add(message);
    }

    List<PeerMessage> received() {
        return received;
    }
}
