package org.parley.federation.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.ItemTag;
import org.parley.federation.wire.PeerHeaders;
import org.parley.federation.wire.StreamAck;
import org.parley.protocol.crypto.Hkdf;

/**
 * The key that authenticates what one node ({@code origin}) sends another ({@code destination}):
 * HKDF-SHA256 over the X25519 secret of the two nodes' static agreement keys, with both names and
 * both public keys, in that order, as its info. Only the two nodes can compute it; each direction
 * has its own key, so an item cannot be reflected back to its origin as if it came from the
 * destination. Items are tagged with HMAC-SHA256, cut to 128 bits. Holds one {@link Mac}: use it
 * from one thread (the federation context).
 */
public final class PairKey {

    private static final byte[] SALT = "parley-items-v1".getBytes(StandardCharsets.UTF_8);
    private static final String ALGORITHM = "HmacSHA256";

    private final Mac mac;
    private final PeerHeaders.Covered covered = new PeerHeaders.Covered();

    private PairKey(byte[] key) {
        try {
            mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no " + ALGORITHM, e);
        }
    }

    /**
     * The key for items from {@code origin} to {@code destination}, computed by either of them.
     *
     * @param self        this node, which is one of the two
     * @param peerAgreement the other node's X25519 public key, from its signed node record
     * @throws IllegalArgumentException if the peer's key is not a usable X25519 key
     */
    public static PairKey of(NodeIdentity self, String origin, String destination, byte[] peerAgreement) {
        boolean outgoing = origin.equals(self.name());
        byte[] mine = self.agreementPublic();
        byte[] originKey = outgoing ? mine : peerAgreement;
        byte[] destinationKey = outgoing ? peerAgreement : mine;
        byte[] secret = self.agree(peerAgreement);
        byte[] originName = origin.getBytes(StandardCharsets.UTF_8);
        byte[] destinationName = destination.getBytes(StandardCharsets.UTF_8);
        byte[] info = ByteBuffer.allocate(4 + originName.length + 4 + destinationName.length + 64)
                .putInt(originName.length).put(originName).putInt(destinationName.length).put(destinationName)
                .put(originKey).put(destinationKey).array();
        return new PairKey(Hkdf.sha256(secret, SALT, info, 32));
    }

    public ItemTag tag(Envelope envelope, byte[] body) {
        covered.of(envelope);
        mac.update(covered.bytes(), 0, covered.length());
        if (body != null) {
            mac.update(body);
        }
        return toTag(mac.doFinal());
    }

    public ItemTag tag(StreamAck ack) {
        covered.of(ack);
        mac.update(covered.bytes(), 0, covered.length());
        return toTag(mac.doFinal());
    }

    private static ItemTag toTag(byte[] full) {
        ByteBuffer view = ByteBuffer.wrap(full);
        return new ItemTag(view.getLong(), view.getLong());
    }
}
