package org.parley.node.web;

import io.vertx.core.http.HttpServerResponse;

/**
 * The headers every file of the web client is served with. The page holds private keys and
 * plaintext, so it runs only its own scripts: the Content-Security-Policy allows scripts, styles and
 * connections (its WebSocket, the video player's playlists and segments) from its own origin, video
 * from Media Source Extensions' blob URLs, and nothing else, no inline script or style, no
 * plugins, no framing, no form posts. Files are revalidated on every load (ETag), so a node that was
 * upgraded never serves a page whose modules come from two versions.
 */
final class PageHeaders {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            "connect-src 'self'",
            "media-src 'self' blob:",
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'");

    private PageHeaders() {
    }

    static void apply(HttpServerResponse response) {
        response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Cross-Origin-Opener-Policy", "same-origin")
                .putHeader("Cross-Origin-Resource-Policy", "same-origin")
                .putHeader("Cache-Control", "no-cache");
    }
}
