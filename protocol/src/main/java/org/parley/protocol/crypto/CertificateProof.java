package org.parley.protocol.crypto;

import java.nio.charset.StandardCharsets;

/**
 * A node's Ed25519 identity key vouching for the TLS certificate it serves: the key signs the
 * certificate's fingerprint, in its own context so the signature means nothing anywhere else. A
 * client that pinned the key accepts any certificate the key signed, so a renewed certificate
 * locks nobody out, while a different key is still refused.
 */
public final class CertificateProof {

    private static final String CONTEXT = "parley node certificate v1\n";

    private CertificateProof() {
    }

    /** What the node's key signs for certificate {@code fingerprint} ({@code SHA256:...}). */
    public static byte[] signed(String certificateFingerprint) {
        return (CONTEXT + certificateFingerprint).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether {@code signature} (base64) is {@code nodeKey}'s (base64 Ed25519 public key) over
     * certificate {@code fingerprint}; false for anything malformed.
     */
    public static boolean verify(String nodeKey, String certificateFingerprint, String signature) {
        if (nodeKey == null || signature == null || certificateFingerprint == null) {
            return false;
        }
        try {
            byte[] key = Base64Key.decode(nodeKey, Ed25519.KEY_BYTES, "node key");
            return Ed25519.verifyBase64(key, signed(certificateFingerprint), signature);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
