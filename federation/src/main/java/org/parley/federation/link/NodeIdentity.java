package org.parley.federation.link;

import java.util.Arrays;
import org.parley.protocol.crypto.Ed25519;
import org.parley.protocol.crypto.Fingerprint;

/**
 * A node's name and its long-term Ed25519 key, with which it proves itself on links and signs the
 * directory entries of its users.
 */
public final class NodeIdentity {

    private final String name;
    private final byte[] privateKey;
    private final byte[] publicKey;

    public NodeIdentity(String name, byte[] privateKey) {
        this.name = name;
        this.privateKey = privateKey.clone();
        this.publicKey = Ed25519.publicKey(privateKey);
    }

    public String name() {
        return name;
    }

    public byte[] publicKey() {
        return publicKey.clone();
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
