package org.parley.node.web;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.function.Consumer;
import org.parley.transport.Transport;
import org.parley.transport.WebSocketTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the node's HTTPS port answers: {@code /ws} takes a WebSocket that speaks the client protocol
 * (handed on as a {@link Transport}, to the same pipeline as a TCP client), {@code GET} of {@code /}
 * or another file of the web client serves it ({@link WebAssets}, with {@link PageHeaders}), a
 * {@code GET} of an operator's endpoint ({@code /metrics}, {@code /health/...}) goes to its handler,
 * {@code /video/} is the video player's ({@link HlsRequests}), anything else is 404.
 */
public final class WebRequests implements Handler<HttpServerRequest> {

    /** Where clients open their WebSocket. */
    public static final String WEBSOCKET_PATH = "/ws";

    private static final Logger LOG = LoggerFactory.getLogger(WebRequests.class);

    private final String nodeName;
    private final int maxMessageBytes;
    private final Consumer<Transport> accept;
    private final WebAssets page;
    private final Map<String, Handler<HttpServerRequest>> endpoints;
    private final HlsRequests videos;

    /**
     * @param maxMessageBytes the largest WebSocket message a client may send: its largest frame with the length
     * @param accept          told of every WebSocket accepted
     * @param page            the web client's files
     * @param endpoints       an operator's endpoints by path, answered to GET and HEAD; their handlers are
     *                        shared by every event loop's listener
     * @param videos          the video player's playlists and segments
     */
    public WebRequests(String nodeName, int maxMessageBytes, Consumer<Transport> accept, WebAssets page,
                       Map<String, Handler<HttpServerRequest>> endpoints, HlsRequests videos) {
        this.endpoints = Map.copyOf(endpoints);
        this.nodeName = nodeName;
        this.maxMessageBytes = maxMessageBytes;
        this.accept = accept;
        this.page = page;
        this.videos = videos;
    }

    @Override
    public void handle(HttpServerRequest request) {
        String path = request.path();
        if (WEBSOCKET_PATH.equals(path)) {
            if (!request.canUpgradeToWebSocket()) {
                answer(request, 400, "This is node " + nodeName + "'s WebSocket endpoint: open a WebSocket here and"
                        + " send Parley frames, one per binary message (docs/PROTOCOL.md).");
                return;
            }
            request.toWebSocket()
                    .onSuccess(socket -> accept.accept(new WebSocketTransport(socket, maxMessageBytes)))
                    .onFailure(e -> LOG.debug("WebSocket handshake from {} failed: {}", request.remoteAddress(),
                            e.getMessage()));
        } else if (path.startsWith(HlsRequests.PREFIX)) {
            videos.handle(request);
        } else if (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD) {
            Handler<HttpServerRequest> endpoint = endpoints.get(path);
            if (endpoint != null) {
                endpoint.handle(request);
                return;
            }
            page.get(path).ifPresentOrElse(asset -> serve(request, asset), () -> answer(request, 404, "Not found."));
        } else {
            answer(request, 404, "Not found.");
        }
    }

    /** 304 if the browser holds this very file; otherwise the file, gzipped if the browser takes that. */
    private static void serve(HttpServerRequest request, WebAsset asset) {
        HttpServerResponse response = request.response();
        PageHeaders.apply(response);
        response.putHeader("ETag", asset.etag()).putHeader("Vary", "Accept-Encoding");
        if (asset.etag().equals(request.getHeader("If-None-Match"))) {
            response.setStatusCode(304).end();
            return;
        }
        String encodings = request.getHeader("Accept-Encoding");
        boolean gzip = encodings != null && encodings.contains("gzip");
        byte[] body = gzip ? asset.gzipped() : asset.bytes();
        response.putHeader("Content-Type", asset.contentType());
        if (gzip) {
            response.putHeader("Content-Encoding", "gzip");
        }
        if (request.method() == HttpMethod.HEAD) {
            response.putHeader("Content-Length", String.valueOf(body.length)).end();
        } else {
            response.end(Buffer.buffer(body));
        }
    }

    private static void answer(HttpServerRequest request, int status, String line) {
        request.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(line + "\n");
    }
}
