package org.parley.node.video;

import org.parley.federation.bulk.BulkReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the video streams linked nodes open to this node: one for a viewer here goes to the
 * {@link WatchDesk}, one for another node to the {@link VideoRelay}. A stream whose opening cannot be
 * read is reset. The acceptor of {@code VIDEO} bulk streams, on the federation context.
 */
final class VideoAcceptor {

    private static final Logger LOG = LoggerFactory.getLogger(VideoAcceptor.class);

    private final String nodeName;
    private final WatchDesk desk;
    private final VideoRelay relay;

    VideoAcceptor(String nodeName, WatchDesk desk, VideoRelay relay) {
        this.nodeName = nodeName;
        this.desk = desk;
        this.relay = relay;
    }

    void accept(BulkReceiver stream) {
        StreamOpening.Arrived arrived;
        try {
            arrived = StreamOpening.read(stream.header());
        } catch (IllegalArgumentException e) {
            LOG.warn("Node {} opened a video stream whose opening is malformed ({}); reset", stream.peer(),
                    e.getMessage());
            stream.reset("node " + nodeName + " cannot read the stream's opening: " + e.getMessage());
            return;
        }
        if (arrived.opening().viewerNode().equals(nodeName)) {
            desk.arrived(stream, arrived);
        } else {
            relay.relay(stream, arrived);
        }
    }
}
