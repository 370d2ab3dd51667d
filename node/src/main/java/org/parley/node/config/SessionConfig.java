package org.parley.node.config;

/**
 * How a node treats its clients' connections.
 *
 * @param requirePassword     whether new accounts must set a password
 * @param heartbeatSeconds    how often the node pings each client; three silent periods end a session
 * @param loginTimeoutSeconds how long a new connection may take to log in
 * @param awaySeconds         idle time after which a user shows as away
 * @param maxQueuedBytes      bytes waiting for a slow reader before it is disconnected
 */
public record SessionConfig(boolean requirePassword, int heartbeatSeconds, int loginTimeoutSeconds, int awaySeconds,
                            long maxQueuedBytes) {
}
