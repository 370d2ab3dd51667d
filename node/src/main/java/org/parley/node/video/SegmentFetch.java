package org.parley.node.video;

import io.vertx.core.Context;
import org.parley.protocol.message.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One segment of one rendition for a web player, as a {@link StreamSink}: the watch desk streams it
 * (from this node's library, or from its holder over the link's video streams) and each piece is
 * written to the {@link SegmentOut} in order, handed back to its upstream once written. It ends at the
 * segment's last piece; a holder that sends on past it (one that does not know a stream's
 * {@code segments}) is stopped there. Lives on the context of the request that asked for it.
 */
final class SegmentFetch implements StreamSink {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentFetch.class);

    private final Context context;
    private final String userName;
    private final String user;
    private final VideoAddress video;
    private final WatchOptions options;
    private final int segment;
    private final SegmentOut out;
    private StreamQuota.Ticket ticket;
    private Runnable stopAsking = () -> { };
    private Upstream upstream;
    private boolean whole;
    private boolean over;
    /** This fetch stopped its upstream: nothing more is passed back to it. */
    private boolean stopped;

    /**
     * @param userName the viewer's name on this node, which its stream limit counts
     * @param user     the viewer's address, {@code name@node}
     */
    SegmentFetch(Context context, String userName, String user, VideoAddress video, WatchOptions options, int segment,
                 SegmentOut out) {
        this.context = context;
        this.userName = userName;
        this.user = user;
        this.video = video;
        this.options = options;
        this.segment = segment;
        this.out = out;
        out.onGone(() -> stop("the player went away"));
    }

    /** Admitted within the user's stream limit: {@code ticket} is held until the fetch ends. */
    void admitted(StreamQuota.Ticket ticket) {
        this.ticket = ticket;
    }

    String userName() {
        return userName;
    }

    @Override
    public void onContext(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    @Override
    public void whileAsking(Runnable stop) {
        this.stopAsking = stop;
    }

    @Override
    public void attach(Upstream source, StreamOpening opening) {
        if (over) {
            source.stop("the player no longer waits for this segment");
            return;
        }
        stopAsking.run();
        upstream = source;
        source.start();
    }

    @Override
    public void take(Piece piece) {
        if (whole || over) {
            if (!over) {
                stop("the player has its segment");
            }
            return;
        }
        if (piece.info().segment() != segment) {
            fail(ErrorCode.INTERNAL, "the stream brought segment " + piece.info().segment() + " for segment "
                    + segment);
            return;
        }
        if (piece.info().offset() == 0) {
            out.begin();
        }
        whole = piece.info().last();
        out.write(piece.body()).onComplete(written -> {
            if (!stopped) {
                upstream.passed(piece);
            }
        });
        if (whole) {
            out.end();
            release();
            LOG.debug("{} fetched segment {} of {} ({})", user, segment, video, options.describe());
        }
    }

    @Override
    public void upstreamEnded(boolean clean, String why) {
        if (!whole && !over) {
            fail(ErrorCode.NODE_UNREACHABLE, clean ? "the stream ended before segment " + segment + " was whole"
                    : why);
        }
        over = true;
        release();
    }

    @Override
    public void refused(ErrorCode code, String message) {
        if (over) {
            return;
        }
        over = true;
        stopAsking.run();
        release();
        out.failed(code, message);
    }

    /** The segment cannot come whole: {@code code} says why to the player (a broken way to its home: 502). */
    private void fail(ErrorCode code, String why) {
        LOG.info("{}'s fetch of segment {} of {} broke off: {}", user, segment, video, why);
        stop(why);
        out.failed(code, why);
    }

    private void stop(String why) {
        if (over) {
            return;
        }
        over = true;
        stopAsking.run();
        release();
        if (upstream != null) {
            stopped = true;
            upstream.stop("viewer " + user + ": " + why);
        }
    }

    private void release() {
        if (ticket != null) {
            ticket.release();
        }
    }

    @Override
    public String describe() {
        return user + "'s web player";
    }

    @Override
    public VideoAddress video() {
        return video;
    }

    @Override
    public WatchOptions options() {
        return options;
    }

    @Override
    public String user() {
        return user;
    }
}
