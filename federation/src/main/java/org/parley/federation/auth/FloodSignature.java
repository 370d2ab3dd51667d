package org.parley.federation.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.wire.Flood;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.crypto.Ed25519;

/**
 * Signs the floods (broadcasts) this node starts and checks those of other nodes. A flood reaches
 * every node, so it carries its origin's Ed25519 signature rather than a pairwise tag: over the
 * SHA-256 of a domain tag, every field but the hops (which each relay lowers) and the body.
 * Stateless and thread-safe.
 */
public final class FloodSignature {

    private static final byte[] DOMAIN = "parley-flood-v1\n".getBytes(StandardCharsets.UTF_8);

    private FloodSignature() {
    }

    /** The flood with this node's signature. */
    public static Flood sign(NodeIdentity self, Flood flood, byte[] body) {
        return flood.signed(Base64Key.encode(self.sign(signedBytes(flood, body))));
    }

    /** Whether {@code flood} carries a valid signature of {@code originKey} over itself and {@code body}. */
    public static boolean verify(byte[] originKey, Flood flood, byte[] body) {
        return Ed25519.verifyBase64(originKey, signedBytes(flood, body), flood.signature());
    }

    private static byte[] signedBytes(Flood flood, byte[] body) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
        sha256.update(DOMAIN);
        for (String field : new String[] {flood.floodId(), flood.origin(), flood.id(), flood.from()}) {
            byte[] utf8 = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
            sha256.update(ByteBuffer.allocate(4).putInt(field == null ? -1 : utf8.length).array());
            sha256.update(utf8);
        }
        sha256.update(ByteBuffer.allocate(8).putLong(flood.sentAt()).array());
        sha256.update(body == null ? new byte[0] : body);
        return sha256.digest();
    }
}
