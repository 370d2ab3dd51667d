package org.parley.protocol.message;

/**
 * The answer to {@link VideoPassRequest} {@code id}: a pass the node signed for the logged-in user,
 * sent back as {@code Authorization: Bearer PASS} with each request to its {@code /video/} endpoints,
 * good until {@code expiresMillis} (Unix milliseconds). It names the user; it opens nothing else.
 */
public record VideoPass(String id, String pass, long expiresMillis) implements ServerMessage {
}
