package org.parley.node.config;

/**
 * The node's admin channel: an HTTP listener on 127.0.0.1 only, which {@code parley-node admin}
 * finds through {@code DATA/admin.json} (its URL and token, readable by the node's OS user alone).
 *
 * @param port the loopback port it listens on (0 picks a free one)
 */
public record AdminConfig(int port) {
}
