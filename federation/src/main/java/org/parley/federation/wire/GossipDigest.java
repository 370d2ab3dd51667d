package org.parley.federation.wire;

import java.util.Map;

/**
 * Anti-entropy, step one: for each origin node, the highest directory version the sender holds.
 * The receiver answers with a {@link GossipDelta} for every origin where it holds more.
 */
public record GossipDigest(Map<String, Long> versions) implements PeerMessage {

    public GossipDigest {
        versions = Map.copyOf(versions);
    }
}
