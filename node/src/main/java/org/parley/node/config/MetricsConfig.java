package org.parley.node.config;

/**
 * What the node's web port tells an operator's monitoring: {@code /metrics} (Prometheus text format).
 * The health endpoints are always served.
 *
 * @param enabled      serve {@code /metrics}; false answers 404 there
 * @param loopbackOnly serve {@code /metrics} only to callers on this machine (127.0.0.0/8, ::1); others get 403
 */
public record MetricsConfig(boolean enabled, boolean loopbackOnly) {

    /** Metrics on, for this machine only. */
    public static final MetricsConfig DEFAULTS = new MetricsConfig(true, true);
}
