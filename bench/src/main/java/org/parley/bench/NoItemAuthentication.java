package org.parley.bench;

import java.util.Optional;
import org.parley.federation.auth.ItemAuthentication;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.PeerWire;
import org.parley.federation.wire.StreamAck;

/**
 * Items leave unsealed (their tag left zero, the same bytes on the wire) and every item is believed:
 * the node without item authentication that {@code compare --baseline-unauthenticated} measures
 * this build against, so that the ratio is what authentication costs and nothing else. Lives in the
 * benchmark only; a node never runs it.
 */
final class NoItemAuthentication implements ItemAuthentication {

    @Override
    public Optional<byte[]> sealedFrame(Envelope envelope, byte[] body) {
        return Optional.of(body == null ? PeerWire.encoder().encode(envelope) : PeerWire.encoder().encode(envelope, body));
    }

    @Override
    public Optional<byte[]> sealedFrame(StreamAck ack) {
        return Optional.of(PeerWire.encoder().encode(ack));
    }

    @Override
    public boolean authentic(Envelope envelope, byte[] body) {
        return true;
    }

    @Override
    public boolean authentic(StreamAck ack) {
        return true;
    }

    @Override
    public String toString() {
        return "no item authentication";
    }
}
