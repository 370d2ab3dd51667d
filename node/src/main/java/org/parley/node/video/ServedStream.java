package org.parley.node.video;

import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import org.parley.federation.Federation;
import org.parley.federation.auth.PairKey;
import org.parley.federation.bulk.BulkEnd;
import org.parley.federation.bulk.BulkSender;
import org.parley.federation.bulk.Settled;
import org.parley.node.media.WatchPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A video of this node's library streaming to a viewer of another node: read from disk only as the
 * stream's pieces are settled (what is sent and not settled stays within
 * {@link SegmentReader#AHEAD_BYTES}), each piece tagged for the viewer's node on the worker that
 * read it. Runs on the federation context.
 */
final class ServedStream implements SegmentReader.Sink {

    private static final Logger LOG = LoggerFactory.getLogger(ServedStream.class);

    private final BulkSender stream;
    private final StreamOpening opening;
    private final StreamQuota.Ticket ticket;
    private final SegmentReader reader;
    /** Pieces sent and not settled: their bytes, by item. */
    private final Map<Long, Long> unsettled = new HashMap<>();

    ServedStream(Vertx vertx, Federation federation, BulkSender stream, StreamOpening opening, WatchPlan plan,
                 PairKey key, StreamQuota.Ticket ticket) {
        this.stream = stream;
        this.opening = opening;
        this.ticket = ticket;
        this.reader = new SegmentReader(vertx, federation::execute, plan.segments(),
                Math.min(SegmentReader.AHEAD_BYTES, federation.bulk().windowBytes()),
                (piece, body) -> piece.seal(opening.request(), key, body), this);
    }

    /** Starts reading and sending. On the federation context. */
    void start() {
        stream.settled(this::settled);
        stream.ended(this::ended);
        reader.start();
    }

    @Override
    public void piece(SegmentReader.Read read) {
        long item = stream.send(read.header(), read.body());
        if (item < 0) {
            reader.stop();
            return;
        }
        unsettled.put(item, read.bytes());
    }

    @Override
    public void finished() {
        stream.close();
    }

    @Override
    public void failed(String why) {
        LOG.warn("Stopped streaming {} to {}: {}", opening.video(), opening.viewer(), why);
        stream.reset("node " + opening.holder() + " " + why);
    }

    private void settled(Settled settled) {
        Long bytes = unsettled.remove(settled.seq());
        if (bytes != null) {
            reader.taken(bytes);
        }
    }

    private void ended(BulkEnd end) {
        reader.stop();
        ticket.release();
        if (end.cause() == BulkEnd.Cause.CLOSED) {
            LOG.info("Streamed {} to {} to its end", opening.video(), opening.viewer());
        } else {
            LOG.info("The stream of {} to {} ended before its end ({}: {})", opening.video(), opening.viewer(),
                    end.cause(), end.why());
        }
    }
}
