package org.parley.federation.gossip;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.parley.federation.link.LinkedPeer;
import org.parley.federation.wire.GossipDelta;

/**
 * Deltas on their way to each link, encoded and sent a few per turn of the event loop, in order per
 * link. A whole directory sent at once (a link that comes up, a peer whose digest lags or asks for
 * everything) held the loop that carries every link's messages for seconds. Used on the federation
 * context.
 */
final class PacedDeltas {

    /** Deltas encoded and sent per link in one turn (about a millisecond each). */
    private static final int PER_TURN = 2;

    private final GossipScheduler scheduler;
    private final Map<LinkedPeer, ArrayDeque<GossipDelta>> waiting = new HashMap<>();

    PacedDeltas(GossipScheduler scheduler) {
        this.scheduler = scheduler;
    }

    void send(LinkedPeer link, GossipDelta delta) {
        ArrayDeque<GossipDelta> queue = waiting.computeIfAbsent(link, l -> new ArrayDeque<>());
        queue.add(delta);
        if (queue.size() == 1) {
            scheduler.nextTurn(v -> drain(link));
        }
    }

    /** The link closed: what waits for it is dropped (anti-entropy sends it again on the next link). */
    void forget(LinkedPeer link) {
        waiting.remove(link);
    }

    private void drain(LinkedPeer link) {
        ArrayDeque<GossipDelta> queue = waiting.get(link);
        if (queue == null) {
            return;
        }
        for (int i = 0; i < PER_TURN && !queue.isEmpty(); i++) {
            link.send(queue.poll());
        }
        if (queue.isEmpty()) {
            waiting.remove(link);
        } else {
            scheduler.nextTurn(v -> drain(link));
        }
    }
}
