package org.parley.federation.wire;

import java.util.List;

/**
 * Anti-entropy, step two: every entry of {@code origin} newer than version {@code from}, oldest
 * first, each signed by the origin node. A receiver holding less than {@code from} of that origin
 * cannot apply it without a gap and asks again with its digest.
 */
public record GossipDelta(String origin, long from, List<SignedEntry> entries) implements PeerMessage {

    public GossipDelta {
        entries = List.copyOf(entries);
    }
}
