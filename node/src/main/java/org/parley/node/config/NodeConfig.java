package org.parley.node.config;

import org.parley.federation.FederationConfig;
import org.parley.federation.net.TransportSecurity;
import org.parley.node.limits.Limits;

/**
 * Everything a node needs to start, validated, one record per concern. Built by
 * {@link NodeConfigLoader}; the JSON file has the same sections.
 *
 * @param name       this node's name, the part after {@code @} in its users' addresses
 * @param network    where it listens and how connections are protected
 * @param web        its HTTPS listener for web clients
 * @param sessions   how it treats client connections
 * @param storage    where it stores, and how much waits for one user
 * @param federation how it links with other nodes
 * @param limits     rates and caps per user, per address and node-wide (see {@link Limits})
 * @param media      its video library and the streams it serves
 * @param metrics    what its web port tells an operator's monitoring ({@code /metrics})
 * @param discovery  whether it announces itself on the LAN, and links with the nodes it finds there
 * @param admin      its admin channel, for {@code parley-node admin}
 */
public record NodeConfig(String name, NetworkConfig network, WebConfig web, SessionConfig sessions, StorageConfig storage,
                         FederationSettings federation, Limits limits, MediaConfig media, MetricsConfig metrics,
                         DiscoveryConfig discovery, AdminConfig admin) {

    /** The part of this config the federation runs on, its links protected by {@code security}. */
    public FederationConfig federationConfig(TransportSecurity security) {
        return new FederationConfig(name, network.host(), network.s2sPort(), federation.peers(),
                federation.allowedPeers(), federation.peerFingerprints(), federation.mode(),
                federation.linkHeartbeatSeconds(), federation.redialMinMillis(), federation.redialMaxMillis(),
                federation.nodeExpirySeconds(), federation.maxHops(), federation.maxOutbox(),
                federation.maxOutboxBytes(), security, federation.directoryQuotas(), federation.bulk());
    }
}
