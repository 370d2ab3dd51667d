package org.parley.node.config;

/**
 * The node's HTTPS listener, whose {@code /ws} WebSocket speaks the client protocol to browsers.
 * It uses the node's TLS certificate (the operator's PEM files, or the node's own).
 *
 * @param port HTTPS port (0 picks a free one)
 */
public record WebConfig(int port) {
}
