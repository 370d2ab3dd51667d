package org.parley.node.metrics;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code /health/live} and {@code /health/ready}, for service managers and load balancers, always
 * served. Live: the process answers, from an event loop, so that loop is not stuck. Ready: the store
 * is open, the node joined the network and its listeners are bound, and it is not stopping; if not,
 * 503 with what is missing.
 */
public final class HealthEndpoint {

    public static final String LIVE_PATH = "/health/live";
    public static final String READY_PATH = "/health/ready";

    private final Readiness readiness;

    public HealthEndpoint(Readiness readiness) {
        this.readiness = readiness;
    }

    public Handler<HttpServerRequest> live() {
        return request -> answer(request, 200, new JsonObject().put("status", "live"));
    }

    public Handler<HttpServerRequest> ready() {
        return request -> {
            List<String> missing = readiness.notReady();
            if (missing.isEmpty()) {
                answer(request, 200, new JsonObject().put("status", "ready"));
            } else {
                answer(request, 503, new JsonObject().put("status", "not ready")
                        .put("notReady", new JsonArray(List.copyOf(missing))));
            }
        };
    }

    private static void answer(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(body.encode());
    }
}
