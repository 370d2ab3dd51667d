package org.parley.node.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.federation.FederationMode;
import org.parley.federation.PeerAddress;
import org.parley.federation.bulk.BulkLimits;
import org.parley.federation.gossip.DirectoryQuotas;

/**
 * How a node links with others: whom it dials and trusts, and how much it keeps for them.
 *
 * @param mode                 closed (the default: only {@code peerFingerprints}, and nodes they vouch for)
 *                             or open (trust on first use)
 * @param peers                nodes to dial
 * @param allowedPeers         if not empty, the only nodes that may link with this one
 * @param peerFingerprints     trusted key fingerprints of named nodes: in closed federation, the only nodes
 *                             this one links with
 * @param linkHeartbeatSeconds how often an idle node link is pinged; three silent periods end it
 * @param redialMinMillis      first redial delay for a dropped link
 * @param redialMaxMillis      longest redial delay
 * @param nodeExpirySeconds    how long an unreachable node is remembered
 * @param maxHops              hop limit of envelopes
 * @param maxOutbox            messages that may wait for one unreachable node
 * @param maxOutboxBytes       bytes of messages that may wait for one unreachable node (held in memory)
 * @param directoryQuotas      how much of the directory one other node, or one link, may take
 * @param bulk                 what a linked peer may make this node hold in bulk streams (files, video):
 *                             credit per stream, streams per link
 */
public record FederationSettings(FederationMode mode, List<PeerAddress> peers, Set<String> allowedPeers,
                                 Map<String, String> peerFingerprints, int linkHeartbeatSeconds,
                                 long redialMinMillis, long redialMaxMillis, int nodeExpirySeconds, int maxHops,
                                 int maxOutbox, long maxOutboxBytes, DirectoryQuotas directoryQuotas,
                                 BulkLimits bulk) {

    public FederationSettings {
        peers = List.copyOf(peers);
        allowedPeers = Set.copyOf(allowedPeers);
        peerFingerprints = Map.copyOf(peerFingerprints);
    }
}
