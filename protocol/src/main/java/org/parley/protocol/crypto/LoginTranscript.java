package org.parley.protocol.crypto;

import java.nio.charset.StandardCharsets;
import org.parley.protocol.message.Login;
import org.parley.protocol.message.ServerHello;

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

    /** The login frame a client sends in answer to {@code hello}, signed with {@code keys}. */
    public static Login signedLogin(ServerHello hello, String user, IdentityKeys keys, String password) {
        return signedLogin(hello, user, keys, password, null);
    }

    /** As {@link #signedLogin(ServerHello, String, IdentityKeys, String)}, with an invite code (null for none). */
    public static Login signedLogin(ServerHello hello, String user, IdentityKeys keys, String password, String invite) {
        String signingKey = Base64Key.encode(keys.signingPublic());
        String agreementKey = Base64Key.encode(keys.agreementPublic());
        byte[] transcript = of(hello.node(), user, hello.challenge(), signingKey, agreementKey);
        return new Login(user, signingKey, agreementKey, Base64Key.encode(keys.sign(transcript)), password, invite);
    }
}
