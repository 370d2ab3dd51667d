package org.parley.protocol.message;

/**
 * The node's answer to a hello: its version and name, a fresh login challenge (base64, 32 random
 * bytes), how often it sends heartbeats, and whether accounts here must have a password.
 *
 * <p>Over TLS it also proves its certificate: {@code nodeKey} is the node's Ed25519 identity key
 * (base64, the key its peers pin) and {@code certificateSignature} that key's signature over the
 * fingerprint of the TLS certificate it serves ({@link org.parley.protocol.crypto.CertificateProof}).
 * Clients pin the key, not the certificate, so an operator can replace the certificate without
 * locking anyone out. Both are null on a plaintext node (and from a node before this field).
 */
public record ServerHello(int version, String node, String challenge, int heartbeatSeconds,
                          boolean passwordRequired, String nodeKey, String certificateSignature)
        implements ServerMessage {

    /** A hello with no certificate proof: plaintext. */
    public ServerHello(int version, String node, String challenge, int heartbeatSeconds, boolean passwordRequired) {
        this(version, node, challenge, heartbeatSeconds, passwordRequired, null, null);
    }
}
