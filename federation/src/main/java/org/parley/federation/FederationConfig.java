package org.parley.federation;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.federation.bulk.BulkLimits;
import org.parley.federation.gossip.DirectoryQuotas;
import org.parley.federation.net.TransportSecurity;

/**
 * How a node takes part in the network.
 *
 * @param name                 this node's name
 * @param host                 address the S2S listener binds
 * @param s2sPort              S2S port (0 picks a free one)
 * @param peers                nodes to dial and keep dialling
 * @param allowedPeers         if not empty, the only node names that may link with this one
 * @param peerFingerprints     Ed25519 key fingerprints ({@code SHA256:...}) trusted for named nodes: in
 *                             closed federation the only nodes this one links with, and the nodes it
 *                             vouches for in its record
 * @param federation           closed (links only with {@code peerFingerprints}, believes others through
 *                             vouches) or open (trust on first use)
 * @param linkHeartbeatSeconds how often an idle link is pinged; three silent periods end it
 * @param redialMinMillis      first redial delay after a link drops or a dial fails
 * @param redialMaxMillis      longest redial delay
 * @param nodeExpirySeconds    how long a node may stay unreachable, unheard, before the network
 *                             forgets it and its users
 * @param maxHops              hop limit of envelopes this node starts
 * @param maxOutbox            messages that may wait for one unreachable node before senders are refused
 * @param maxOutboxBytes       bytes of messages that may wait for one node (held in memory until it acknowledges)
 * @param security             TLS (with this node's certificate) or, if the operator insists, plaintext
 * @param directoryQuotas      how much of the directory one origin node, or one link, may take
 * @param bulk                 the credit each bulk stream a peer opens is granted, and how many it may open
 *                             on one link at once
 */
public record FederationConfig(String name, String host, int s2sPort, List<PeerAddress> peers,
                               Set<String> allowedPeers, Map<String, String> peerFingerprints,
                               FederationMode federation,
                               int linkHeartbeatSeconds, long redialMinMillis, long redialMaxMillis,
                               int nodeExpirySeconds, int maxHops, int maxOutbox, long maxOutboxBytes,
                               TransportSecurity security, DirectoryQuotas directoryQuotas, BulkLimits bulk) {

    public FederationConfig {
        peers = List.copyOf(peers);
        allowedPeers = Set.copyOf(allowedPeers);
        peerFingerprints = Map.copyOf(peerFingerprints);
    }

    /** With the default bulk limits ({@link BulkLimits#DEFAULTS}). */
    public FederationConfig(String name, String host, int s2sPort, List<PeerAddress> peers,
                            Set<String> allowedPeers, Map<String, String> peerFingerprints,
                            FederationMode federation,
                            int linkHeartbeatSeconds, long redialMinMillis, long redialMaxMillis,
                            int nodeExpirySeconds, int maxHops, int maxOutbox, long maxOutboxBytes,
                            TransportSecurity security, DirectoryQuotas directoryQuotas) {
        this(name, host, s2sPort, peers, allowedPeers, peerFingerprints, federation, linkHeartbeatSeconds,
                redialMinMillis, redialMaxMillis, nodeExpirySeconds, maxHops, maxOutbox, maxOutboxBytes, security,
                directoryQuotas, BulkLimits.DEFAULTS);
    }
}
