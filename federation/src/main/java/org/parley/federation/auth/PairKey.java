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
 * destination. Items are tagged with HMAC-SHA256, cut to 128 bits, over the bytes
 * {@link PeerHeaders.Covered} feeds it. Thread-safe.
 */
public final class PairKey {

    private static final byte[] SALT = "parley-items-v1".getBytes(StandardCharsets.UTF_8);

    /**
     * One JDK HMAC per thread that tags with this key: a {@link Mac} is not thread-safe, and making
     * one per item (or resetting a shared one under a lock) cost more than the tag itself. The JDK's
     * uses the CPU's SHA instructions; BouncyCastle's pure-Java HMac, which keeps the padded keys'
     * states, took five times as long on a 250-byte item here.
     */
    private final ThreadLocal<Mac> mac;

    private PairKey(byte[] key) {
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        mac = ThreadLocal.withInitial(() -> {
            try {
                Mac one = Mac.getInstance("HmacSHA256");
                one.init(spec);
                return one;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JVM has no HMAC-SHA256", e);
            }
        });
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

    /**
     * Seals the envelope (with its body) or the acknowledgement in {@code frame}, as
     * {@link org.parley.federation.wire.PeerWire#encoder()} wrote it: its tag is written in place.
     *
     * @return the frame
     */
    public byte[] seal(byte[] frame) {
        Mac running = mac.get();
        PeerHeaders.Covered.ofFrame(frame, running::update);
        PeerHeaders.Covered.tagFrame(frame, toTag(running.doFinal()));
        return frame;
    }

    /** The tag {@code envelope} with {@code body} should carry (over the bytes it came in, if it just came). */
    public ItemTag tag(Envelope envelope, byte[] body) {
        Mac running = mac.get();
        PeerHeaders.Covered.of(envelope, running::update);
        if (body != null) {
            running.update(body, 0, body.length);
        }
        return toTag(running.doFinal());
    }

    /**
     * The tag of an item this key's origin sends its destination by some other way than an envelope
     * (a video stream through relays): over {@code parts}, one after another. The caller lays the
     * parts out so that no two items read the same (fixed widths, lengths before variable fields,
     * a domain of its own first). May be called from any thread.
     */
    public ItemTag tag(byte[]... parts) {
        Mac running = mac.get();
        for (byte[] part : parts) {
            running.update(part);
        }
        return toTag(running.doFinal());
    }

    /** The tag {@code ack} should carry. */
    public ItemTag tag(StreamAck ack) {
        Mac running = mac.get();
        PeerHeaders.Covered.of(ack, running::update);
        return toTag(running.doFinal());
    }

    private static ItemTag toTag(byte[] full) {
        ByteBuffer view = ByteBuffer.wrap(full);
        return new ItemTag(view.getLong(), view.getLong());
    }
}
