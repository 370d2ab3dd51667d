package org.parley.node.config;

import java.nio.file.Path;
import java.util.List;
import org.parley.federation.PeerAddress;

/**
 * Everything a node needs to start, validated. Built by {@link NodeConfigLoader}.
 *
 * @param name                this node's name, the part after {@code @} in its users' addresses
 * @param host                address the client and S2S listeners bind
 * @param port                client port (0 picks a free one)
 * @param s2sPort             server-to-server port (0 picks a free one)
 * @param peers               nodes to dial
 * @param dataDir             where the store and node keys live
 * @param requirePassword     whether new accounts must set a password
 * @param heartbeatSeconds    how often the node pings each client; three silent periods end a session
 * @param loginTimeoutSeconds how long a new connection may take to log in
 * @param eventLoops          client listener instances, one per event loop
 * @param maxQueuedBytes      bytes waiting for a slow reader before it is disconnected
 */
public record NodeConfig(String name, String host, int port, int s2sPort, List<PeerAddress> peers, Path dataDir,
                         boolean requirePassword, int heartbeatSeconds, int loginTimeoutSeconds, int eventLoops,
                         long maxQueuedBytes) {

    public NodeConfig {
        peers = List.copyOf(peers);
    }
}
