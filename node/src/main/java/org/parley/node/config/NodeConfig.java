package org.parley.node.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.node.limits.Limits;
import org.parley.federation.FederationConfig;
import org.parley.federation.FederationMode;
import org.parley.federation.PeerAddress;
import org.parley.federation.gossip.DirectoryQuotas;
import org.parley.federation.net.TransportSecurity;

/**
 * Everything a node needs to start, validated. Built by {@link NodeConfigLoader}.
 *
 * @param name                 this node's name, the part after {@code @} in its users' addresses
 * @param host                 address the client and S2S listeners bind
 * @param port                 client port (0 picks a free one)
 * @param s2sPort              server-to-server port (0 picks a free one)
 * @param webPort              HTTPS port for web clients, whose WebSocket speaks the client protocol (0 picks a
 *                             free one)
 * @param peers                nodes to dial
 * @param dataDir              where the store and node keys live
 * @param requirePassword      whether new accounts must set a password
 * @param heartbeatSeconds     how often the node pings each client; three silent periods end a session
 * @param loginTimeoutSeconds  how long a new connection may take to log in
 * @param eventLoops           client listener instances, one per event loop
 * @param maxQueuedBytes       bytes waiting for a slow reader before it is disconnected
 * @param awaySeconds          idle time after which a user shows as away
 * @param allowedPeers         if not empty, the only nodes that may link with this one
 * @param peerFingerprints     trusted key fingerprints of named nodes: in closed federation, the only nodes
 *                             this one links with
 * @param federationMode       closed (the default: only {@code peerFingerprints}, and nodes they vouch for)
 *                             or open (trust on first use)
 * @param linkHeartbeatSeconds how often an idle node link is pinged; three silent periods end it
 * @param redialMinMillis      first redial delay for a dropped link
 * @param redialMaxMillis      longest redial delay
 * @param nodeExpirySeconds    how long an unreachable node is remembered
 * @param maxHops              hop limit of envelopes
 * @param maxOutbox            messages that may wait for one unreachable node
 * @param maxOutboxBytes       bytes of messages that may wait for one unreachable node (they are held in memory)
 * @param plaintext            serve clients and links without TLS (only when asked for explicitly)
 * @param tlsCertFile          the operator's PEM certificate (for clients, links and the web port), or null for
 *                             the node's own self-signed one
 * @param tlsKeyFile           the PEM private key of {@code tlsCertFile}
 * @param mailboxMaxMessages   direct messages that may wait for one user before senders get {@code MAILBOX_FULL}
 * @param mailboxMaxAgeSeconds how long a message may wait for its recipient before it is dropped
 *                             and its sender gets an {@code expired} receipt
 * @param mailboxMaxBytes      bytes of messages that may wait for one user (files, mostly) before senders
 *                             get {@code MAILBOX_FULL}
 * @param limits               rates and caps per user, per address and node-wide (see {@link Limits})
 * @param directoryQuotas      how much of the directory one other node, or one link, may take
 */
public record NodeConfig(String name, String host, int port, int s2sPort, int webPort, List<PeerAddress> peers, Path dataDir,
                         boolean requirePassword, int heartbeatSeconds, int loginTimeoutSeconds, int eventLoops,
                         long maxQueuedBytes, int awaySeconds, Set<String> allowedPeers,
                         Map<String, String> peerFingerprints, FederationMode federationMode,
                         int linkHeartbeatSeconds, long redialMinMillis,
                         long redialMaxMillis, int nodeExpirySeconds, int maxHops, int maxOutbox, long maxOutboxBytes,
                         boolean plaintext, Path tlsCertFile, Path tlsKeyFile, int mailboxMaxMessages,
                         long mailboxMaxAgeSeconds, long mailboxMaxBytes, Limits limits,
                         DirectoryQuotas directoryQuotas) {

    public NodeConfig {
        peers = List.copyOf(peers);
        allowedPeers = Set.copyOf(allowedPeers);
        peerFingerprints = Map.copyOf(peerFingerprints);
    }

    /** The part of this config that concerns links with other nodes, which use {@code security}. */
    public FederationConfig federation(TransportSecurity security) {
        return new FederationConfig(name, host, s2sPort, peers, allowedPeers, peerFingerprints, federationMode,
                linkHeartbeatSeconds,
                redialMinMillis, redialMaxMillis, nodeExpirySeconds, maxHops, maxOutbox, maxOutboxBytes, security,
                directoryQuotas);
    }
}
