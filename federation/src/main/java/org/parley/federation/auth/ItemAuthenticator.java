package org.parley.federation.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.parley.federation.gossip.NodeRecord;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.PeerWire;
import org.parley.federation.wire.StreamAck;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.crypto.X25519;

/**
 * Seals what this node sends other nodes end to end and checks what they send it: every envelope
 * and acknowledgement carries a tag under the {@link PairKey} of its origin and destination, so a
 * node that relays it (or a rogue that makes one up) can neither forge nor alter it. Each peer's
 * agreement key comes from its node record, which this node believed only with a valid signature of
 * the node's pinned key. Keys are made on first use and kept; use from the federation context.
 */
public final class ItemAuthenticator implements ItemAuthentication {

    private final NodeIdentity self;
    private final Function<String, Optional<NodeRecord>> records;
    private final Map<String, Pair> pairs = new HashMap<>();

    /** The keys for both directions with one node, and the agreement key they came from. */
    private record Pair(String agreementKey, PairKey out, PairKey in) {
    }

    /** @param records the believed record of a node, by name (the directory's) */
    public ItemAuthenticator(NodeIdentity self, Function<String, Optional<NodeRecord>> records) {
        this.self = self;
        this.records = records;
    }

    /**
     * The frame that carries {@code envelope} and {@code body} sealed: encoded once, its tag written
     * in place. Empty if this node knows no agreement key for its destination.
     */
    @Override
    public Optional<byte[]> sealedFrame(Envelope envelope, byte[] body) {
        return pair(envelope.destination()).map(pair -> pair.out().seal(body == null
                ? PeerWire.encoder().encode(envelope) : PeerWire.encoder().encode(envelope, body)));
    }

    /** As {@link #sealedFrame(Envelope, byte[])}, for an acknowledgement. */
    @Override
    public Optional<byte[]> sealedFrame(StreamAck ack) {
        return pair(ack.destination()).map(pair -> pair.out().seal(PeerWire.encoder().encode(ack)));
    }

    /**
     * The envelope with its tag (the one {@link #sealedFrame} writes), or empty if this node knows no
     * agreement key for its destination.
     */
    public Optional<Envelope> seal(Envelope envelope, byte[] body) {
        return pair(envelope.destination()).map(pair -> envelope.sealed(pair.out().tag(envelope, body)));
    }

    /** The acknowledgement with its tag, or empty if this node knows no agreement key for its destination. */
    public Optional<StreamAck> seal(StreamAck ack) {
        return pair(ack.destination()).map(pair -> ack.sealed(pair.out().tag(ack)));
    }

    /**
     * Whether an envelope for this node carries its origin's valid tag: checked over the bytes it
     * arrived as, when it is the item this thread read last (see
     * {@link org.parley.federation.wire.PeerHeaders.Covered}).
     */
    @Override
    public boolean authentic(Envelope envelope, byte[] body) {
        Optional<Pair> pair = pair(envelope.origin());
        return pair.isPresent() && pair.get().in().tag(envelope, body).matches(envelope.tag());
    }

    /** Whether an acknowledgement for this node carries its origin's valid tag. */
    @Override
    public boolean authentic(StreamAck ack) {
        Optional<Pair> pair = pair(ack.origin());
        return pair.isPresent() && pair.get().in().tag(ack).matches(ack.tag());
    }

    /** Empty if this node knows no agreement key for {@code node}. */
    @Override
    public Optional<PairKey> keyTo(String node) {
        return pair(node).map(Pair::out);
    }

    @Override
    public Optional<PairKey> keyFrom(String node) {
        return pair(node).map(Pair::in);
    }

    private Optional<Pair> pair(String node) {
        if (node == null || node.equals(self.name())) {
            return Optional.empty();
        }
        Optional<NodeRecord> record = records.apply(node);
        if (record.isEmpty() || record.get().agreementKey() == null) {
            return Optional.empty();
        }
        String agreementKey = record.get().agreementKey();
        Pair pair = pairs.get(node);
        if (pair == null || !pair.agreementKey().equals(agreementKey)) {
            byte[] peer;
            try {
                peer = Base64Key.decode(agreementKey, X25519.KEY_BYTES, "agreement key");
                pair = new Pair(agreementKey, PairKey.of(self, self.name(), node, peer),
                        PairKey.of(self, node, self.name(), peer));
            } catch (IllegalArgumentException e) {
                return Optional.empty(); // a low-order or malformed key authenticates nothing
            }
            pairs.put(node, pair);
        }
        return Optional.of(pair);
    }
}
