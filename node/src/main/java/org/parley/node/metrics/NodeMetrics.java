package org.parley.node.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The node's meters, in one Prometheus registry that {@code /metrics} shows. Made first at start and
 * handed to the parts that count; they see plain methods ({@link ClientTraffic}, {@link #storeCommits}),
 * never Micrometer, and the federation module none of it (its figures are bound in {@link NodeGauges}).
 * Series are named {@code parley_...}; Vert.x's own ({@code vertx_...}, with the JVM's) join them when
 * the node's Vert.x was made by {@link #vertx}.
 */
public final class NodeMetrics {

    private final PrometheusMeterRegistry registry;
    private final ClientTraffic traffic;
    private final Timer commits;

    private NodeMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.traffic = new ClientTraffic(registry);
        this.commits = Timer.builder("parley_store_commit")
                .description("Time the store took to write and commit one transaction (a group commit's batch)")
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
                        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofSeconds(1))
                .register(registry);
    }

    /** Meters of a node alone, in a registry of their own. */
    public static NodeMetrics create() {
        return new NodeMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /**
     * A Vert.x with {@code options} whose own meters (connections and bytes per server, the event bus,
     * worker pools, the JVM) go into this registry. Labels kept to bounded sets: no remote addresses.
     * Not the voice port's datagrams: the relay counts those itself, and a summary per datagram would
     * cost the hot path more than a counter. (At start Micrometer may warn once that a Vert.x gauge is
     * already registered: vertx-micrometer-metrics 5 registers some twice; the second is ignored.)
     */
    public Vertx vertx(VertxOptions options) {
        MicrometerMetricsOptions meters = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
                .addDisabledMetricsCategory(MetricsDomain.DATAGRAM_SOCKET);
        meters.addLabels(Label.LOCAL);
        return Vertx.builder().with(options.setMetricsOptions(meters))
                .withMetrics(new MicrometerMetricsFactory(registry)).build();
    }

    public ClientTraffic traffic() {
        return traffic;
    }

    /** Told how long each store transaction took, in nanoseconds, on the store's thread. */
    public LongConsumer storeCommits() {
        return nanos -> commits.record(nanos, TimeUnit.NANOSECONDS);
    }

    MeterRegistry registry() {
        return registry;
    }

    /** Every series now, in the Prometheus text format. Cheap: reads counters and gauges. */
    String scrape() {
        return registry.scrape();
    }
}
