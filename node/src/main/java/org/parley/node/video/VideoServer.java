package org.parley.node.video;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import org.parley.federation.Federation;
import org.parley.federation.auth.OriginRules;
import org.parley.federation.auth.PairKey;
import org.parley.federation.bulk.BulkPurpose;
import org.parley.federation.bulk.BulkSender;
import org.parley.federation.delivery.EnvelopeHandler;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.EnvelopeKind;
import org.parley.federation.wire.Refusal;
import org.parley.node.media.Video;
import org.parley.node.media.VideoLibrary;
import org.parley.node.media.WatchPlan;
import org.parley.protocol.message.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves this node's library to viewers of other nodes: takes their nodes' {@code video-request}s,
 * checks each (the name, the rendition, this node's stream limit), and answers with a video bulk
 * stream toward the viewer's node (through the next hop, which relays it) or a {@code video-reply}
 * that says why not. Runs on the federation context.
 */
final class VideoServer {

    private static final Logger LOG = LoggerFactory.getLogger(VideoServer.class);

    private final Vertx vertx;
    private final String nodeName;
    private final Federation federation;
    private final VideoLibrary library;
    private final StreamQuota quota;

    VideoServer(Vertx vertx, String nodeName, Federation federation, VideoLibrary library, StreamQuota quota) {
        this.vertx = vertx;
        this.nodeName = nodeName;
        this.federation = federation;
        this.library = library;
        this.quota = quota;
    }

    /** A user of another node asks to watch a video of this node. */
    Future<Optional<Refusal>> request(Envelope envelope, byte[] body) {
        String name = OriginRules.nameOf(envelope.to());
        try {
            if (!VideoAddress.isValidName(name)) {
                throw new WatchRefusal(ErrorCode.UNKNOWN_VIDEO, "'" + name + "' is not a video name ("
                        + VideoAddress.RULE + ")");
            }
            WatchOptions options = WatchOptions.decode(body);
            Video video = library.video(name).orElseThrow(() -> new WatchRefusal(ErrorCode.UNKNOWN_VIDEO,
                    "node " + nodeName + " has no video " + name));
            WatchPlan plan = options.planFor(video);
            StreamQuota.Ticket ticket = quota.admitServed().orElseThrow(() -> new WatchRefusal(
                    ErrorCode.TOO_MANY_STREAMS, "node " + nodeName + " streams " + quota.limits().maxStreams()
                    + " videos at once already, its most; try again later"));
            try {
                serve(envelope, plan, options, ticket);
            } catch (WatchRefusal e) {
                ticket.release();
                throw e;
            }
        } catch (WatchRefusal e) {
            LOG.info("Refused {}'s request (through node {}) to watch {}: {} {}", envelope.from(), envelope.origin(),
                    name, e.code(), e.getMessage());
            reply(envelope, e);
        }
        return EnvelopeHandler.TAKEN;
    }

    private void serve(Envelope request, WatchPlan plan, WatchOptions options, StreamQuota.Ticket ticket)
            throws WatchRefusal {
        String viewerNode = request.origin();
        String hop = federation.routes().nextHop(viewerNode).orElse(null);
        Optional<PairKey> key = federation.itemKeyTo(viewerNode);
        if (hop == null || key.isEmpty()) {
            throw new WatchRefusal(ErrorCode.NODE_UNREACHABLE, "node " + nodeName + " has no way to node " + viewerNode
                    + " now; try again later");
        }
        StreamOpening opening = StreamOpening.of(request.id(), nodeName, viewerNode, request.from(), plan);
        BulkSender stream = federation.bulk().open(hop, BulkPurpose.VIDEO, opening.seal(federation.maxHops(),
                key.get())).orElseThrow(() -> new WatchRefusal(ErrorCode.NODE_UNREACHABLE, "node " + nodeName
                + " has no link to node " + hop + " now; try again later"));
        LOG.info("Streaming {} ({}, segments {} to {}) to {}{}", plan.video().name(), options.describe(),
                plan.firstSegment(), opening.segments() - 1, request.from(),
                hop.equals(viewerNode) ? "" : " through node " + hop);
        new ServedStream(vertx, federation, stream, opening, plan, key.get(), ticket).start();
    }

    private void reply(Envelope request, WatchRefusal refusal) {
        federation.sendTransient(request.origin(), EnvelopeKind.VIDEO_REPLY, request.id(), null, request.from(),
                new WatchReply(refusal.code(), refusal.getMessage()).encode())
                .onFailure(e -> LOG.warn("Could not tell node {} that {} may not watch {}: {}", request.origin(),
                        request.from(), request.to(), e.getMessage()));
    }
}
