package org.parley.federation.link;

import java.nio.charset.StandardCharsets;

/**
 * What each side of a link signs: its own name, key and nonce, then the other side's. Both nonces
 * are fresh, so a proof cannot be replayed on another link; both keys are bound, so a proof made
 * for one peer is worthless to a third.
 */
public final class HandshakeTranscript {

    private HandshakeTranscript() {
    }

    public static byte[] of(String signer, String signerKey, String signerNonce,
                            String peer, String peerKey, String peerNonce) {
        return String.join("\n", "parley-s2s-v1", signer, signerKey, signerNonce, peer, peerKey, peerNonce)
                .getBytes(StandardCharsets.UTF_8);
    }
}
