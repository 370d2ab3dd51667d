package org.parley.node.video;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.parley.federation.Federation;
import org.parley.federation.bulk.BulkEnd;
import org.parley.federation.bulk.BulkItem;
import org.parley.federation.bulk.BulkPurpose;
import org.parley.federation.bulk.BulkReceiver;
import org.parley.federation.bulk.BulkSender;
import org.parley.federation.bulk.Settled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes on a video stream for another node: a bulk stream lives on one link, so a node between the
 * holder and the viewer's node opens a stream of its own to the next hop and hands each item over
 * as it came (header, tag and bytes untouched), settling it upstream only once it is settled
 * downstream. So credit runs end to end: a viewer that stops reading stops the holder, and this node
 * holds at most a window of the stream (what it received and has not seen settled). Either side's end
 * ends the other. Runs on the federation context.
 */
final class VideoRelay {

    private static final Logger LOG = LoggerFactory.getLogger(VideoRelay.class);

    private final String nodeName;
    private final Federation federation;

    VideoRelay(String nodeName, Federation federation) {
        this.nodeName = nodeName;
        this.federation = federation;
    }

    /** Relays {@code upstream}, whose opening names another node; in the stream's acceptor. */
    void relay(BulkReceiver upstream, StreamOpening.Arrived arrived) {
        StreamOpening opening = arrived.opening();
        String destination = opening.viewerNode();
        if (arrived.hops() <= 1) {
            refuse(upstream, opening, "its hop limit was reached at node " + nodeName);
            return;
        }
        String hop = federation.routes().nextHop(destination).orElse(null);
        if (hop == null || hop.equals(upstream.peer())) {
            refuse(upstream, opening, "node " + nodeName + " has no way on to node " + destination);
            return;
        }
        Optional<BulkSender> opened = federation.bulk().open(hop, BulkPurpose.VIDEO, arrived.forwarded());
        if (opened.isEmpty()) {
            refuse(upstream, opening, "node " + nodeName + " has no link to node " + hop + " now");
            return;
        }
        BulkSender downstream = opened.get();
        LOG.info("Relaying a stream of {}@{} for {} from node {} on to node {}", opening.video(), opening.holder(),
                opening.viewer(), upstream.peer(), hop);
        Map<Long, Long> upstreamItem = new HashMap<>();
        upstream.handler(item -> pass(item, upstream, downstream, upstreamItem));
        downstream.settled(settled -> {
            Long item = upstreamItem.remove(settled.seq());
            if (item != null) {
                upstream.settle(new Settled(item, settled.how(), settled.refusal()));
            }
        });
        upstream.ended(end -> {
            if (end.cause() == BulkEnd.Cause.CLOSED) {
                downstream.close();
            } else {
                downstream.reset(end.why());
            }
        });
        downstream.ended(end -> {
            if (end.cause() != BulkEnd.Cause.CLOSED) {
                upstream.reset(end.why());
            }
        });
    }

    private void pass(BulkItem item, BulkReceiver upstream, BulkSender downstream, Map<Long, Long> upstreamItem) {
        long sent = downstream.send(item.header(), item.body());
        if (sent < 0) {
            upstream.reset("node " + nodeName + " could not pass the stream on: its next stream ended");
            return;
        }
        upstreamItem.put(sent, item.seq());
    }

    private void refuse(BulkReceiver upstream, StreamOpening opening, String why) {
        LOG.info("Refused to relay a stream of {}@{} for {}: {}", opening.video(), opening.holder(), opening.viewer(),
                why);
        upstream.reset(why);
    }
}
