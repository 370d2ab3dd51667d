package org.parley.federation.wire;

import org.parley.protocol.frame.FrameDecoder;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.frame.FrameLimits;

/**
 * Framing for node links: the client protocol's frame format with {@link PeerMessage} headers.
 * Gossip deltas carry many signed entries, so headers may be larger than a client's.
 */
public final class PeerWire {

    /** 4 MiB frames, 2 MiB headers: a gossip delta is cut to fit well inside. */
    public static final FrameLimits LIMITS = new FrameLimits(4 << 20, 2 << 20);

    private static final FrameEncoder<PeerMessage> ENCODER = FrameEncoder.of(PeerMessage.class);

    private PeerWire() {
    }

    public static FrameEncoder<PeerMessage> encoder() {
        return ENCODER;
    }

    public static FrameDecoder<PeerMessage> decoder() {
        return FrameDecoder.of(PeerMessage.class, LIMITS);
    }
}
