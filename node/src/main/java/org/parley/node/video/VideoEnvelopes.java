package org.parley.node.video;

import java.util.EnumMap;
import java.util.Map;
import org.parley.federation.delivery.EnvelopeHandler;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.EnvelopeKind;
import org.parley.federation.wire.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the network brings about video: requests of other nodes' users to watch this node's videos,
 * and refusals of the requests of this node's users. Handed to the node's arrivals by kind.
 */
public final class VideoEnvelopes {

    private static final Logger LOG = LoggerFactory.getLogger(VideoEnvelopes.class);

    private final VideoServer server;
    private final WatchDesk desk;

    VideoEnvelopes(VideoServer server, WatchDesk desk) {
        this.server = server;
        this.desk = desk;
    }

    /** The handlers of the video kinds, by kind. */
    public Map<EnvelopeKind, EnvelopeHandler> handlers() {
        Map<EnvelopeKind, EnvelopeHandler> handlers = new EnumMap<>(EnvelopeKind.class);
        handlers.put(EnvelopeKind.VIDEO_REQUEST, server::request);
        handlers.put(EnvelopeKind.VIDEO_REPLY, desk::replied);
        return handlers;
    }

    /** Whether {@code sent} is of a kind this part tells its senders about, when refused. */
    public boolean owns(Envelope sent) {
        return sent.kind() == EnvelopeKind.VIDEO_REQUEST || sent.kind() == EnvelopeKind.VIDEO_REPLY;
    }

    /** An envelope this node sent about video was refused at its destination. */
    public void undeliverable(Envelope sent, Refusal why) {
        if (sent.kind() == EnvelopeKind.VIDEO_REQUEST) {
            desk.undeliverable(sent, why);
        } else {
            LOG.info("Node {} refused this node's answer to its watch request {} ({}); see that node's log",
                    sent.destination(), sent.id(), why.word());
        }
    }
}
