package org.parley.node.video;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.parley.federation.auth.PairKey;
import org.parley.federation.bulk.BulkEnd;
import org.parley.federation.bulk.BulkItem;
import org.parley.federation.bulk.BulkReceiver;
import org.parley.federation.bulk.Settled;
import org.parley.federation.bulk.Settlement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream of a video from the node that holds it, for a viewer of this node. Each piece's tag is
 * checked on a worker, in order, before the viewer gets it: a node that relayed the stream cannot
 * alter, add or reorder pieces unseen, and one that drops a piece ends the stream. A piece is settled
 * ({@code passed}, which gives its credit back) only once the viewer's connection took it, so a viewer
 * that stops reading stops the stream, back to the holder's disk. Items and the end arrive on the
 * federation context; the checks keep their order there.
 */
final class RemoteUpstream implements Upstream {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteUpstream.class);

    private final Vertx vertx;
    private final BulkReceiver stream;
    private final PairKey key;
    private final String request;
    private final StreamSink viewing;

    // The federation context only.
    /** The checks so far, one after another: what comes next waits for them. */
    private Future<Void> checked = Future.succeededFuture();
    private long expected = 1;
    private String failure;

    /** Takes {@code stream}'s items from now on: call in its acceptor, on the federation context. */
    RemoteUpstream(Vertx vertx, BulkReceiver stream, PairKey key, String request, StreamSink viewing) {
        this.vertx = vertx;
        this.stream = stream;
        this.key = key;
        this.request = request;
        this.viewing = viewing;
        stream.handler(this::arrived);
        stream.ended(this::ended);
    }

    private void arrived(BulkItem item) {
        checked = checked.compose(v -> failure != null ? Future.succeededFuture()
                : vertx.executeBlocking(() -> VideoPiece.open(item.header(), item.body(), request, key), false)
                .transform(opened -> {
                    if (opened.failed() || opened.result().piece() != expected) {
                        failed(opened.failed() ? "piece " + expected + " " + opened.cause().getMessage()
                                : "piece " + expected + " is missing (piece " + opened.result().piece() + " came)");
                    } else {
                        expected++;
                        Piece piece = new Piece(opened.result(), item.body(), item.seq(), item.bytes());
                        viewing.onContext(() -> viewing.take(piece));
                    }
                    return Future.succeededFuture();
                }));
    }

    private void failed(String what) {
        failure = "the stream from node " + stream.peer() + " was not as its holder sent it: " + what;
        LOG.warn("Resetting video stream {} from node {} for {}: {}; a node on its way altered or dropped it",
                request, stream.peer(), viewing.describe(), failure);
        stream.reset(failure);
    }

    private void ended(BulkEnd end) {
        checked.onComplete(v -> {
            boolean clean = end.cause() == BulkEnd.Cause.CLOSED && failure == null;
            String why = failure != null ? failure : end.why();
            viewing.onContext(() -> viewing.upstreamEnded(clean, why));
        });
    }

    @Override
    public void start() {
        // Items flow from the moment the stream was accepted.
    }

    @Override
    public void passed(Piece piece) {
        stream.settle(Settled.as(piece.item(), Settlement.PASSED));
    }

    @Override
    public void stop(String why) {
        stream.reset(why);
    }
}
