package org.parley.federation.link;

import java.nio.charset.StandardCharsets;

/**
 * What each side of a link signs: its own name, key and nonce, then the other side's, then the
 * fingerprint of the accepting node's TLS certificate as this side saw it. Both nonces are fresh,
 * so a proof cannot be replayed on another link; both keys are bound, so a proof made for one
 * peer is worthless to a third; the certificate is bound, so a machine in the middle that
 * terminates TLS with its own certificate makes both proofs fail.
 */
public final class HandshakeTranscript {

    private HandshakeTranscript() {
    }

    public static byte[] of(String signer, String signerKey, String signerNonce,
                            String peer, String peerKey, String peerNonce, String tlsBinding) {
        return String.join("\n", "parley-s2s-v2", signer, signerKey, signerNonce, peer, peerKey, peerNonce, tlsBinding)
                .getBytes(StandardCharsets.UTF_8);
    }
}
