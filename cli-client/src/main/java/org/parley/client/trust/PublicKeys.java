package org.parley.client.trust;

import java.security.MessageDigest;
import java.util.Arrays;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.crypto.Fingerprint;
import org.parley.protocol.message.UserKeys;

/** A user's two public keys: Ed25519 to check their signatures, X25519 to encrypt to them. */
public record PublicKeys(byte[] signing, byte[] agreement) {

    public PublicKeys {
        signing = signing.clone();
        agreement = agreement.clone();
    }

    /** @throws IllegalArgumentException if the node sent something that is not two 32-byte keys */
    public static PublicKeys of(UserKeys keys) {
        return new PublicKeys(Base64Key.decode(keys.signingKey(), 32, "signing key of " + keys.user()),
                Base64Key.decode(keys.agreementKey(), 32, "agreement key of " + keys.user()));
    }

    /** One fingerprint for both keys, so a swap of either shows. */
    public String fingerprint() {
        byte[] both = Arrays.copyOf(signing, 64);
        System.arraycopy(agreement, 0, both, 32, 32);
        return Fingerprint.of(both);
    }

    @Override
    public byte[] signing() {
        return signing.clone();
    }

    @Override
    public byte[] agreement() {
        return agreement.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKeys other && MessageDigest.isEqual(signing, other.signing)
                && MessageDigest.isEqual(agreement, other.agreement);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signing);
    }

    @Override
    public String toString() {
        return "PublicKeys[" + fingerprint() + "]";
    }
}
