package org.parley.protocol.message;

/**
 * Asks for a pass to the node's HTTPS video endpoints (the HLS playlists and segments a browser's
 * player fetches); answered with a {@link VideoPass} carrying the same {@code id}.
 */
public record VideoPassRequest(String id) implements ClientMessage {
}
