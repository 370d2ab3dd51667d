package org.parley.protocol.crypto;

import java.nio.charset.StandardCharsets;

/**
 * What a client signs to log in. It binds the node's name and fresh challenge (so a signature
 * cannot be replayed on another connection or node), the user name, and both public keys (so the
 * agreement key is vouched for by the signing key).
 */
public final class LoginTranscript {

    private static final String CONTEXT = "parley-login-v1";

    private LoginTranscript() {
    }

    public static byte[] of(String node, String user, String challenge, String signingKey, String agreementKey) {
        String text = String.join("\n", CONTEXT, node, user, challenge, signingKey, agreementKey);
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
