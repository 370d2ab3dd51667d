package org.parley.federation.bulk;

import io.vertx.core.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.parley.federation.link.PeerLink;
import org.parley.federation.wire.BulkMessage;

/**
 * This node's bulk streams on all its links: who takes the streams peers open, by purpose; each
 * link's streams; and the bytes the node holds for all of them. The federation tells it, on its
 * context, when a link comes up or closes and what bulk frames arrive; the upper layer opens and
 * accepts streams from any thread.
 */
public final class NodeBulkStreams implements BulkStreams {

    private final String self;
    private final BulkLimits limits;
    private final Map<BulkPurpose, Consumer<BulkReceiver>> acceptors = new ConcurrentHashMap<>();
    /** The link each peer's new streams go on: the one the federation calls up. */
    private final Map<String, LinkBulkStreams> byPeer = new ConcurrentHashMap<>();
    /** Every link with streams, until it closes (a duplicate link that lost still closes later). Context only. */
    private final Map<PeerLink, LinkBulkStreams> byLink = new HashMap<>();
    /** Queued by this node's senders, and held for peers' streams until settled. */
    private final AtomicLong held = new AtomicLong();
    private final BulkTotals totals = new BulkTotals();

    public NodeBulkStreams(String self, BulkLimits limits) {
        this.self = self;
        this.limits = limits;
    }

    @Override
    public Optional<BulkSender> open(String peer, BulkPurpose purpose, byte[] header) {
        if (header.length > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("a bulk stream's header is at most " + MAX_HEADER_BYTES + " bytes: "
                    + header.length);
        }
        LinkBulkStreams link = byPeer.get(peer);
        return link == null ? Optional.empty() : link.open(purpose, header);
    }

    @Override
    public void accept(BulkPurpose purpose, Consumer<BulkReceiver> acceptor) {
        acceptors.put(purpose, acceptor);
    }

    @Override
    public long bufferedBytes() {
        return held.get();
    }

    @Override
    public BulkTotals totals() {
        return totals;
    }

    @Override
    public long windowBytes() {
        return limits.windowBytes();
    }

    /** {@code link} is up: new streams to its peer go on it. On the federation context. */
    public void linkUp(PeerLink link, Context context) {
        LinkBulkStreams streams = new LinkBulkStreams(link, context, self, limits, acceptors::get, held,
                totals);
        byLink.put(link, streams);
        byPeer.put(link.peerName(), streams);
    }

    /** {@code link} closed: every stream on it ends. On the federation context. */
    public void linkClosed(PeerLink link, String reason) {
        LinkBulkStreams streams = byLink.remove(link);
        if (streams != null) {
            byPeer.remove(link.peerName(), streams);
            streams.closed(reason);
        }
    }

    /** A bulk frame arrived on {@code link}. On the federation context. */
    public void onFrame(PeerLink link, BulkMessage message, byte[] body) {
        LinkBulkStreams streams = byLink.get(link);
        if (streams != null) {
            streams.onFrame(message, body);
        }
    }
}
