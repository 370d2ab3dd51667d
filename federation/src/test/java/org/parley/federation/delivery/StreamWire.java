package org.parley.federation.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import org.parley.federation.wire.PeerMessage;
import org.parley.federation.wire.PeerWire;
import org.parley.protocol.frame.FrameDecoder;
import org.parley.protocol.frame.ProtocolException;

/**
 * The route between test nodes, as their streams see it: frames go through the real codec and are
 * handed to the destination on its own context. A test can take the route away, and lose or repeat
 * the frames it chooses.
 */
final class StreamWire {

    private final Map<String, StreamNode> nodes = new ConcurrentHashMap<>();
    private volatile boolean up = true;
    /** How many copies of a frame arrive: 0 lost, 1, or 2 repeated. */
    private volatile ToIntFunction<PeerMessage> copies = message -> 1;

    /** {@code node} now answers to {@code name}: the node as it runs now, after a restart. */
    void attach(String name, StreamNode node) {
        nodes.put(name, node);
    }

    void up(boolean up) {
        this.up = up;
    }

    void copies(ToIntFunction<PeerMessage> copies) {
        this.copies = copies;
    }

    /** The transport of node {@code from}'s streams. */
    EnvelopeTransport from(String from) {
        FrameDecoder<PeerMessage> decoder = PeerWire.decoder();
        decoder.limits(PeerWire.LIMITS);
        return new EnvelopeTransport() {
            @Override
            public boolean sendToward(String destination, byte[] frame) {
                if (!reaches(destination)) {
                    return false;
                }
                try {
                    decoder.feed(frame, decoded -> {
                        int times = copies.applyAsInt(decoded.header());
                        for (int i = 0; i < times; i++) {
                            nodes.get(destination).receive(decoded.header(), decoded.body());
                        }
                    });
                } catch (ProtocolException e) {
                    throw new IllegalStateException("the codec could not read back what it wrote", e);
                }
                return true;
            }

            @Override
            public boolean reaches(String destination) {
                return up && nodes.containsKey(destination) && !destination.equals(from);
            }
        };
    }
}
