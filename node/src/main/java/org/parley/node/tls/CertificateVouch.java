package org.parley.node.tls;

import org.parley.federation.link.NodeIdentity;
import org.parley.federation.net.TransportSecurity;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.crypto.CertificateProof;

/**
 * What the node's hello carries to prove its TLS certificate: its Ed25519 identity key and that
 * key's signature over the certificate's fingerprint, made once at start. Clients pin the key, so
 * replacing the certificate (renewal) locks nobody out.
 *
 * @param nodeKey   the node's Ed25519 public key, base64; null on a plaintext node
 * @param signature over {@link CertificateProof#signed(String)}, base64; null on a plaintext node
 */
public record CertificateVouch(String nodeKey, String signature) {

    /** Nothing to prove: the node runs without TLS. */
    public static final CertificateVouch NONE = new CertificateVouch(null, null);

    public static CertificateVouch of(NodeIdentity identity, TransportSecurity security) {
        if (!(security instanceof TransportSecurity.Tls tls)) {
            return NONE;
        }
        return new CertificateVouch(Base64Key.encode(identity.publicKey()),
                Base64Key.encode(identity.sign(CertificateProof.signed(tls.fingerprint()))));
    }
}
