package org.parley.protocol.crypto;

import java.security.SecureRandom;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * X25519 key agreement (RFC 7748) over raw 32-byte keys, through Bouncy Castle.
 */
public final class X25519 {

    public static final int KEY_BYTES = 32;

    private X25519() {
    }

    public static byte[] newPrivateKey(SecureRandom random) {
        return new X25519PrivateKeyParameters(random).getEncoded();
    }

    public static byte[] publicKey(byte[] privateKey) {
        return new X25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
    }

    /**
     * The shared secret of {@code privateKey} and {@code peerPublic}.
     *
     * @throws IllegalArgumentException if the peer key is a low-order point (the result would be
     *                                  all zeros, so it would bind nothing)
     */
    public static byte[] agree(byte[] privateKey, byte[] peerPublic) {
        if (peerPublic.length != KEY_BYTES) {
            throw new IllegalArgumentException("an X25519 public key is 32 bytes, got " + peerPublic.length);
        }
        X25519Agreement agreement = new X25519Agreement();
        agreement.init(new X25519PrivateKeyParameters(privateKey, 0));
        byte[] secret = new byte[agreement.getAgreementSize()];
        try {
            agreement.calculateAgreement(new X25519PublicKeyParameters(peerPublic, 0), secret, 0);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("the X25519 public key is a low-order point");
        }
        return secret;
    }
}
