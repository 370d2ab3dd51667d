package org.parley.node.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Consumer;
import org.parley.transport.Transport;
import org.parley.transport.WebSocketTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the node's HTTPS port answers: {@code /ws} takes a WebSocket that speaks the client protocol
 * (handed on as a {@link Transport}, to the same pipeline as a TCP client), {@code GET /} names the
 * node in one line, anything else is 404.
 */
public final class WebRequests implements Handler<HttpServerRequest> {

    /** Where clients open their WebSocket. */
    public static final String WEBSOCKET_PATH = "/ws";

    private static final Logger LOG = LoggerFactory.getLogger(WebRequests.class);

    private final String nodeName;
    private final int maxMessageBytes;
    private final Consumer<Transport> accept;

    /**
     * @param maxMessageBytes the largest WebSocket message a client may send: its largest frame with the length
     * @param accept          told of every WebSocket accepted
     */
    public WebRequests(String nodeName, int maxMessageBytes, Consumer<Transport> accept) {
        this.nodeName = nodeName;
        this.maxMessageBytes = maxMessageBytes;
        this.accept = accept;
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
        } else if ("/".equals(path) && (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD)) {
            answer(request, 200, "Parley node " + nodeName + ". Clients connect to " + WEBSOCKET_PATH
                    + " with a WebSocket.");
        } else {
            answer(request, 404, "Not found.");
        }
    }

    private static void answer(HttpServerRequest request, int status, String line) {
        request.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(line + "\n");
    }
}
