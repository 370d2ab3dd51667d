package org.parley.protocol.message;

/**
 * Registers or logs in {@code user}. {@code signingKey} (Ed25519) and {@code agreementKey}
 * (X25519) are base64 raw public keys; {@code signature} is the Ed25519 signature of the
 * {@link org.parley.protocol.crypto.LoginTranscript} for this connection's challenge.
 * {@code password} is optional unless the node or the account requires one. {@code invite} is
 * optional: an invite code from the node's operator, which registers a new name on a node whose
 * registration takes invites only; clients from before invites leave it out.
 */
public record Login(String user, String signingKey, String agreementKey, String signature,
                    String password, String invite) implements ClientMessage {

    /** A login without an invite code: what every login to a node with open registration sends. */
    public Login(String user, String signingKey, String agreementKey, String signature, String password) {
        this(user, signingKey, agreementKey, signature, password, null);
    }

    @Override
    public String toString() {
        // Never let a password reach a log line through toString.
        return "Login[user=" + user + ", password=" + (password == null ? "none" : "***") + ", invite="
                + (invite == null ? "none" : "***") + "]";
    }
}
