package org.parley.node.config;

import org.parley.node.registration.RegistrationMode;

/**
 * How a node treats its clients' connections.
 *
 * @param requirePassword     whether new accounts must set a password
 * @param heartbeatSeconds    how often the node pings each client; three silent periods end a session
 * @param loginTimeoutSeconds how long a new connection may take to log in
 * @param awaySeconds         idle time after which a user shows as away
 * @param maxQueuedBytes      bytes waiting for a slow reader before it is disconnected
 * @param registration        whether new names are registered (open, closed, or by invite); null when the
 *                            config does not say, and the mode the operator last set stands
 */
public record SessionConfig(boolean requirePassword, int heartbeatSeconds, int loginTimeoutSeconds, int awaySeconds,
                            long maxQueuedBytes, RegistrationMode registration) {
}
