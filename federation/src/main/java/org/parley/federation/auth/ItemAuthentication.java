package org.parley.federation.auth;

import java.util.Optional;
import java.util.function.Function;
import org.parley.federation.gossip.NodeRecord;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.StreamAck;

/**
 * How the items of the stream between nodes are sealed when they leave and checked when they
 * arrive. A node authenticates every item to its origin ({@link ItemAuthenticator}); the seam exists
 * so that a benchmark can run the same build without it and measure what authentication costs
 * (docs/BENCHMARKS.md). Use from the federation context.
 */
public interface ItemAuthentication {

    /** The frame carrying {@code envelope} and {@code body}, sealed; empty when its destination has no key. */
    Optional<byte[]> sealedFrame(Envelope envelope, byte[] body);

    /** The frame carrying {@code ack}, sealed; empty when its destination has no key. */
    Optional<byte[]> sealedFrame(StreamAck ack);

    /** Whether an envelope for this node is its origin's, unaltered. */
    boolean authentic(Envelope envelope, byte[] body);

    /** Whether an acknowledgement for this node is its origin's, unaltered. */
    boolean authentic(StreamAck ack);

    /**
     * The key of items this node sends {@code node} that are not envelopes (a video stream's opening
     * and pieces); empty when there is none. An authentication without pair keys has none, so such a
     * node streams no video to or through other nodes.
     */
    default Optional<PairKey> keyTo(String node) {
        return Optional.empty();
    }

    /** As {@link #keyTo}, for what {@code node} sends this node. */
    default Optional<PairKey> keyFrom(String node) {
        return Optional.empty();
    }

    /** Makes a node's authentication once its identity and the directory's believed node records are known. */
    @FunctionalInterface
    interface Maker {
        ItemAuthentication make(NodeIdentity self, Function<String, Optional<NodeRecord>> records);
    }

    /** What every node uses: the pair keys of origin and destination. */
    Maker PAIR_KEYS = ItemAuthenticator::new;
}
