package org.parley.node.metrics;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: every series in the Prometheus text format, after the figures that take a
 * question (mailboxes, links) were asked anew. 403 to a caller not on this machine while
 * {@code metrics.loopbackOnly} holds.
 */
public final class MetricsEndpoint implements Handler<HttpServerRequest> {

    public static final String PATH = "/metrics";
    /** The Prometheus text exposition format, version 0.0.4. */
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);

    private final NodeMetrics metrics;
    private final NodeGauges gauges;
    private final ScrapeAccess access;

    public MetricsEndpoint(NodeMetrics metrics, NodeGauges gauges, boolean loopbackOnly) {
        this.metrics = metrics;
        this.gauges = gauges;
        this.access = new ScrapeAccess(loopbackOnly);
    }

    @Override
    public void handle(HttpServerRequest request) {
        if (!access.allows(request.remoteAddress())) {
            LOG.debug("Refused /metrics to {}: metrics.loopbackOnly is set", request.remoteAddress());
            request.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("Metrics are served to this machine only (metrics.loopbackOnly).\n");
            return;
        }
        // The answers come on the contexts that hold the figures; the reply is written on the request's.
        Context context = Vertx.currentContext();
        gauges.refresh().onComplete(refreshed -> context.runOnContext(v -> {
            if (refreshed.failed()) {
                LOG.warn("Some figures could not be read for /metrics, shown as last read: {}",
                        refreshed.cause().getMessage());
            }
            String body = metrics.scrape();
            request.response().putHeader("Content-Type", CONTENT_TYPE)
                    .end(request.method() == HttpMethod.HEAD ? "" : body);
        }));
    }
}
