package org.parley.protocol.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * A user's long-term keys: Ed25519 to sign (login, later messages) and X25519 to agree on
 * message keys. Held as raw 32-byte private keys; public halves are derived.
 */
public final class IdentityKeys {

    private final byte[] signingPrivate;
    private final byte[] agreementPrivate;
    private final byte[] signingPublic;
    private final byte[] agreementPublic;

    public IdentityKeys(byte[] signingPrivate, byte[] agreementPrivate) {
        if (signingPrivate.length != Ed25519.KEY_BYTES || agreementPrivate.length != 32) {
            throw new IllegalArgumentException("identity keys must be 32 bytes each");
        }
        this.signingPrivate = signingPrivate.clone();
        this.agreementPrivate = agreementPrivate.clone();
        this.signingPublic = Ed25519.publicKey(signingPrivate);
        this.agreementPublic = new X25519PrivateKeyParameters(agreementPrivate, 0).generatePublicKey().getEncoded();
    }

    public static IdentityKeys generate(SecureRandom random) {
        return new IdentityKeys(new Ed25519PrivateKeyParameters(random).getEncoded(),
                new X25519PrivateKeyParameters(random).getEncoded());
    }

    public byte[] signingPrivate() {
        return signingPrivate.clone();
    }

    public byte[] agreementPrivate() {
        return agreementPrivate.clone();
    }

    public byte[] signingPublic() {
        return signingPublic.clone();
    }

    public byte[] agreementPublic() {
        return agreementPublic.clone();
    }

    public byte[] sign(byte[] message) {
        return Ed25519.sign(signingPrivate, message);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentityKeys other && Arrays.equals(signingPublic, other.signingPublic)
                && Arrays.equals(agreementPublic, other.agreementPublic);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signingPublic);
    }

    @Override
    public String toString() {
        return "IdentityKeys[" + Base64Key.encode(signingPublic) + "]";
    }
}
