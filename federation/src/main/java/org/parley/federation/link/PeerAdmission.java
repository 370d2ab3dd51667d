package org.parley.federation.link;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.federation.FederationConfig;
import org.parley.federation.FederationMode;
import org.parley.protocol.crypto.Fingerprint;

/**
 * Decides whether a node that said hello may link with this one, before it proves its key: the
 * name must be allowed, a pinned or configured key must match, and in closed federation the node
 * must be one of the configured peers. The reasons are sent to the peer and logged, so they say
 * what the operator can do about them.
 */
public final class PeerAdmission {

    private final String self;
    private final FederationMode mode;
    private final Set<String> allowedPeers;
    private final Map<String, String> configured;
    private final PinnedKeys pins;

    public PeerAdmission(FederationConfig config, PinnedKeys pins) {
        this(config, config.peerFingerprints(), pins);
    }

    /**
     * @param trusted the peers' fingerprints by name, read at each admission: the operator may change
     *                them while the node runs
     */
    public PeerAdmission(FederationConfig config, Map<String, String> trusted, PinnedKeys pins) {
        this.self = config.name();
        this.mode = config.federation();
        this.allowedPeers = config.allowedPeers();
        this.configured = trusted;
        this.pins = pins;
    }

    /**
     * Why node {@code node} presenting {@code key} may not link, completing "node X ...", or empty if
     * it may.
     */
    public Optional<String> refusal(String node, byte[] key) {
        if (!allowedPeers.isEmpty() && !allowedPeers.contains(node)) {
            return Optional.of("is node " + node + ", which is not in this node's allowedPeers");
        }
        if (mode == FederationMode.CLOSED && !configured.containsKey(node)) {
            return Optional.of("is not one of " + self + "'s configured peers (federation is closed); to link"
                    + " with it, add it to " + self + "'s peerFingerprints as \"" + node + "\": \""
                    + Fingerprint.of(key) + "\" once that matches what `parley-node fingerprint` prints on "
                    + node + "'s machine");
        }
        if (pins.check(node, key) instanceof PinnedKeys.Verdict.Changed changed) {
            return Optional.of("presented key " + changed.presented() + " but " + self + " trusts "
                    + changed.expected() + " for node " + node + "; if the node's key really changed,"
                    + " remove its pin from " + self + "'s store");
        }
        return Optional.empty();
    }
}
