package org.parley.federation.wire;

import org.parley.protocol.frame.FrameDecoder;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.frame.FrameLimits;

/**
 * Framing for node links: the client protocol's frame format with {@link PeerMessage} headers,
 * written by {@link PeerHeaders} (compact for envelopes and their acknowledgements, JSON otherwise).
 * Gossip deltas carry many signed entries, so headers may be larger than a client's.
 */
public final class PeerWire {

    /**
     * The version of the link protocol, in {@link PeerHello}; a peer speaking another is refused.
     * Version 2 brought compact envelope and stream-ack headers and compact receipt bodies; version 3
     * tags every envelope and acknowledgement with its origin's MAC and signs every flood; version 4
     * adds bulk streams ({@link BulkMessage}), written behind control and chat frames; version 5 adds
     * video ({@code video:NAME} directory entries, the video envelope kinds and video streams relayed
     * node to node: a node of version 4 would drop every delta that holds a video entry) and voice
     * ({@link VoiceHello}, which a node of version 4 would take for a malformed frame).
     */
    public static final int VERSION = 5;

    /** 4 MiB frames, 2 MiB headers: a gossip delta is cut to fit well inside. */
    public static final FrameLimits LIMITS = new FrameLimits(4 << 20, 2 << 20);

    /**
     * Until the peer has proved its key: hello, proof and link-close fit in a few KiB, so a
     * connection that has proved nothing cannot make the node hold more.
     */
    public static final FrameLimits HANDSHAKE_LIMITS = new FrameLimits(16 << 10, 8 << 10);

    private static final PeerHeaders HEADERS = new PeerHeaders();
    private static final FrameEncoder<PeerMessage> ENCODER = FrameEncoder.of(HEADERS);

    private PeerWire() {
    }

    public static FrameEncoder<PeerMessage> encoder() {
        return ENCODER;
    }

    /** A decoder for a new link: {@link #HANDSHAKE_LIMITS} until it is raised to {@link #LIMITS}. */
    public static FrameDecoder<PeerMessage> decoder() {
        return FrameDecoder.of(HEADERS, HANDSHAKE_LIMITS);
    }
}
