package org.parley.federation.link;

import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import org.parley.protocol.crypto.Ed25519;
import org.parley.protocol.crypto.Hkdf;
import org.parley.protocol.crypto.X25519;
import org.parley.protocol.crypto.Fingerprint;

/**
 * A node's name and its long-term Ed25519 key, with which it proves itself on links and signs the
 * directory entries of its users, and its static X25519 key, from which it agrees a pairwise key
 * with every other node. The X25519 key is derived from the Ed25519 seed (HKDF, its own label), so
 * the one key file holds both and neither key can be computed from the other's public half.
 */
public final class NodeIdentity {

    private final String name;
    private final byte[] privateKey;
    private final byte[] publicKey;
    private final byte[] agreementPrivate;
    private final byte[] agreementPublic;

    public NodeIdentity(String name, byte[] privateKey) {
        this.name = name;
        this.privateKey = privateKey.clone();
        this.publicKey = Ed25519.publicKey(privateKey);
        this.agreementPrivate = Hkdf.sha256(privateKey, null, AGREEMENT_LABEL, X25519.KEY_BYTES);
        this.agreementPublic = X25519.publicKey(agreementPrivate);
    }

    private static final byte[] AGREEMENT_LABEL = "parley node agreement key v1".getBytes(StandardCharsets.UTF_8);

    public String name() {
        return name;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The static X25519 public key published in this node's record. */
    public byte[] agreementPublic() {
        return agreementPublic.clone();
    }

    /**
     * The X25519 shared secret with another node's static agreement key.
     *
     * @throws IllegalArgumentException if the key is not a usable X25519 public key
     */
    public byte[] agree(byte[] peerAgreementPublic) {
        return X25519.agree(agreementPrivate, peerAgreementPublic);
    }

    public String fingerprint() {
        return Fingerprint.of(publicKey);
    }

    public byte[] sign(byte[] message) {
        return Ed25519.sign(privateKey, message);
    }

    @Override
    public String toString() {
        return "NodeIdentity[" + name + " " + fingerprint() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeIdentity other && name.equals(other.name) && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
