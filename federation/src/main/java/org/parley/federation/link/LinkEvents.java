package org.parley.federation.link;

import org.parley.federation.wire.PeerMessage;
import org.parley.protocol.frame.Frame;

/**
 * What a link tells its owner. Called on the federation context.
 */
public interface LinkEvents {

    /** The handshake completed: the peer proved the key it presented. */
    void onUp(PeerLink link);

    /** A frame arrived on a link that is up (handshake and heartbeat frames are handled by the link). */
    void onFrame(PeerLink link, Frame<PeerMessage> frame);

    /** The link closed, whatever its state. */
    void onClosed(PeerLink link, String reason);
}
