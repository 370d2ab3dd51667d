package org.parley.node.video;

import io.vertx.core.Vertx;
import org.parley.node.media.WatchPlan;

/**
 * A video of this node's library, read here for a viewer of this node: pieces go straight to the
 * viewer's connection as it takes them, at most {@link SegmentReader#AHEAD_BYTES} read and not yet written.
 */
final class LocalUpstream implements Upstream, SegmentReader.Sink {

    private final StreamSink viewing;
    private final SegmentReader reader;
    private final String node;

    LocalUpstream(Vertx vertx, String node, WatchPlan plan, StreamSink viewing) {
        this.viewing = viewing;
        this.node = node;
        this.reader = new SegmentReader(vertx, viewing::onContext, plan.segments(), SegmentReader.AHEAD_BYTES, null,
                this);
    }

    @Override
    public void start() {
        reader.start();
    }

    @Override
    public void passed(Piece piece) {
        reader.taken(piece.bytes());
    }

    @Override
    public void stop(String why) {
        reader.stop();
    }

    @Override
    public void piece(SegmentReader.Read read) {
        viewing.take(new Piece(read.piece(), read.body(), 0, read.bytes()));
    }

    @Override
    public void finished() {
        viewing.upstreamEnded(true, null);
    }

    @Override
    public void failed(String why) {
        viewing.upstreamEnded(false, "node " + node + " " + why);
    }
}
