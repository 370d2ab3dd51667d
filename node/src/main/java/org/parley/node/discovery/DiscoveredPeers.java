package org.parley.node.discovery;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.parley.federation.FederationMode;
import org.parley.federation.PeerAddress;
import org.parley.node.config.FederationSettings;
import org.parley.protocol.discovery.FoundNode;
import org.parley.protocol.discovery.NodeAnnouncement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for each node found on the LAN, whether this node dials it ({@code --link-discovered}),
 * under the same trust rules as a configured peer: in closed federation only a node named in
 * {@code peerFingerprints}, and only if it announces the key configured for it; {@code allowedPeers}
 * if set; in open federation any node. The announced key is a hint that spares a dial bound to fail,
 * never a reason to trust: the link's handshake checks the key the node proves, as for every peer.
 * Each decision is logged once per node and reason. Confined to one context (the discovery's).
 */
public final class DiscoveredPeers {

    private static final Logger LOG = LoggerFactory.getLogger(DiscoveredPeers.class);

    private final String self;
    private final FederationSettings federation;
    /** Nodes dialled because they were found; the federation keeps them linked from then on. */
    private final Set<String> dialled = new HashSet<>();
    /** The last refusal logged per node, so that an announcement repeated is not logged again. */
    private final Map<String, String> refused = new HashMap<>();

    /** The peers trusted now, with their keys: the config's, as {@code parley-node admin peer} changed them. */
    private final java.util.function.Supplier<Map<String, String>> trusted;

    /** Judging by the config's peerFingerprints, which nothing changes while it runs. */
    public DiscoveredPeers(String self, FederationSettings federation) {
        this(self, federation, federation::peerFingerprints);
    }

    public DiscoveredPeers(String self, FederationSettings federation,
                           java.util.function.Supplier<Map<String, String>> trusted) {
        this.self = self;
        this.federation = federation;
        this.trusted = trusted;
    }

    /**
     * What to do about {@code found}, given the peers linked now; a {@link LinkDecision.Link} is
     * remembered, so the same node is not dialled twice.
     */
    public LinkDecision decide(FoundNode found, Set<String> linkedNow) {
        NodeAnnouncement node = found.announcement();
        String name = node.name();
        if (name.equals(self) || dialled.contains(name) || linkedNow.contains(name)) {
            return new LinkDecision.Known();
        }
        PeerAddress address = new PeerAddress(found.host(), node.s2sPort());
        if (federation.peers().contains(address)) {
            return new LinkDecision.Known(); // a configured peer: dialled already
        }
        LinkDecision decision = judge(name, node.fingerprint(), address);
        if (decision instanceof LinkDecision.Link) {
            dialled.add(name);
            refused.remove(name);
        }
        return decision;
    }

    private LinkDecision judge(String name, String announcedKey, PeerAddress address) {
        if (!federation.allowedPeers().isEmpty() && !federation.allowedPeers().contains(name)) {
            return new LinkDecision.Refuse("it is not in allowedPeers");
        }
        if (federation.mode() == FederationMode.OPEN) {
            return new LinkDecision.Link(address);
        }
        String configured = trusted.get().get(name);
        if (configured == null) {
            return new LinkDecision.Refuse("federation is closed and it is not in peerFingerprints; to link with it,"
                    + " add \"" + name + "\": \"" + announcedKey + "\" once its operator has confirmed that key"
                    + " (`parley-node fingerprint` on its machine)");
        }
        if (!configured.equals(announcedKey)) {
            return new LinkDecision.Refuse("it announces key " + announcedKey + " but peerFingerprints trusts "
                    + configured + " for " + name + "; another node may be using its name");
        }
        return new LinkDecision.Link(address);
    }

    /** Logs what was found and what this node does about it, in words an operator can act on. */
    public void log(FoundNode found, LinkDecision decision) {
        NodeAnnouncement node = found.announcement();
        String where = found.host() + " (client port " + node.clientPort() + ", nodes " + node.s2sPort()
                + ", announced key " + node.fingerprint() + ")";
        if (decision instanceof LinkDecision.Link link) {
            LOG.info("Found node {} on the LAN at {}; linking with it at {} (the link's handshake checks its key){}",
                    node.name(), where, link.address(), federation.mode() == FederationMode.OPEN
                            ? "; federation is open, so its key is pinned on first contact" : "");
        } else if (decision instanceof LinkDecision.Refuse refuse
                && !refuse.reason().equals(refused.put(node.name(), refuse.reason()))) {
            LOG.info("Found node {} on the LAN at {}; not linking: {}", node.name(), where, refuse.reason());
        }
    }
}
