package org.parley.node.video;

import java.util.ArrayDeque;
import org.parley.node.session.ClientConnection;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.VideoEnd;
import org.parley.transport.PullLane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One video a client watches, from its {@code watch} to its {@code video-end}: first asking (the
 * holder has not answered), then streaming, then ended. Its pieces are written to the client only
 * when the connection has room ({@link ClientConnection#pull}), never queued against its limit, and
 * each is handed back to its upstream once written, so a client that stops reading holds up only
 * this stream. It keeps the first segment the client did not get whole, which a client resumes from
 * after an interrupted stream. Lives on the connection's context.
 */
final class Viewing implements PullLane.Source, StreamSink {

    private static final Logger LOG = LoggerFactory.getLogger(Viewing.class);

    private enum State { ASKING, STREAMING, ENDED }

    private final ClientConnection connection;
    private final String id;
    private final VideoAddress video;
    private final WatchOptions options;
    private final StreamQuota.Ticket ticket;
    private final Runnable forget;
    private final ArrayDeque<Piece> pieces = new ArrayDeque<>();
    private State state = State.ASKING;
    private Upstream upstream;
    private int nextSegment;
    private int segments;
    private boolean upstreamOver;
    private boolean upstreamClean;
    private String upstreamWhy;
    /** What to do if it is still asking when it ends (the holder's answer no longer wanted). */
    private Runnable stopAsking = () -> { };

    /** @param forget takes it out of its connection's list once it ended */
    Viewing(ClientConnection connection, String id, VideoAddress video, WatchOptions options,
            StreamQuota.Ticket ticket, Runnable forget) {
        this.connection = connection;
        this.id = id;
        this.video = video;
        this.options = options;
        this.ticket = ticket;
        this.forget = forget;
        this.nextSegment = options.fromSegment() == null ? 0 : options.fromSegment();
    }

    /** Runs {@code task} on this viewing's context, from any thread. */
    @Override
    public void onContext(Runnable task) {
        connection.execute(task);
    }

    /** While asking: what ends the asking when the viewing ends first (a timer, the pending request). */
    @Override
    public void whileAsking(Runnable stop) {
        this.stopAsking = stop;
    }

    /** The stream began: the client hears it, and pieces may come. */
    @Override
    public void attach(Upstream source, StreamOpening opening) {
        if (state != State.ASKING) {
            source.stop("the viewer no longer waits for this stream");
            return;
        }
        stopAsking.run();
        state = State.STREAMING;
        upstream = source;
        nextSegment = opening.firstSegment();
        segments = opening.segments();
        connection.send(opening.watching(id));
        LOG.info("{} watches {} ({}), segments {} to {}", describe(), video, options.describe(), nextSegment,
                segments - 1);
        source.start();
    }

    /** A piece arrived for the client. */
    @Override
    public void take(Piece piece) {
        if (state != State.STREAMING) {
            return;
        }
        pieces.add(piece);
        connection.pull(this);
    }

    @Override
    public boolean ready() {
        return state == State.STREAMING && !pieces.isEmpty();
    }

    @Override
    public byte[] nextFrame() {
        Piece piece = state == State.STREAMING ? pieces.poll() : null;
        if (piece == null) {
            return null;
        }
        byte[] frame = FrameEncoder.server().encode(piece.info().frame(id), piece.body());
        if (piece.info().last()) {
            nextSegment = piece.info().segment() + 1;
        }
        upstream.passed(piece);
        if (pieces.isEmpty() && upstreamOver) {
            finish();
        }
        return frame;
    }

    /** The upstream has nothing more: {@code clean} if it sent all it meant to, else {@code why} it stopped. */
    @Override
    public void upstreamEnded(boolean clean, String why) {
        if (state != State.STREAMING || upstreamOver) {
            return;
        }
        upstreamOver = true;
        upstreamClean = clean;
        upstreamWhy = why;
        if (pieces.isEmpty()) {
            finish();
        }
    }

    /** Every piece the upstream sent was written: the client hears how it ended. */
    private void finish() {
        boolean complete = upstreamClean && nextSegment >= segments;
        String why = complete ? null : upstreamWhy != null ? upstreamWhy
                : "the stream ended before segment " + nextSegment;
        end();
        connection.send(new VideoEnd(id, complete, nextSegment, why));
        if (complete) {
            LOG.info("{} watched {} to its end", describe(), video);
        } else {
            LOG.info("{}'s stream of {} broke before segment {} ({}); the client may resume from there", describe(),
                    video, nextSegment, why);
        }
    }

    /** The client asked to stop ({@code unwatch}): it hears the stream ended, whole as far as it goes. */
    void unwatched() {
        if (state == State.ENDED) {
            return;
        }
        stop("the viewer stopped watching");
        connection.send(new VideoEnd(id, true, nextSegment, null));
        LOG.info("{} stopped watching {} before segment {}", describe(), video, nextSegment);
    }

    /** The client's connection ended: everything the stream holds is let go. */
    void disconnected() {
        if (state != State.ENDED) {
            stop("the viewer left");
            LOG.info("{} left while watching {}", describe(), video);
        }
    }

    /** The holder refused, or could not be asked: the client hears why. */
    @Override
    public void refused(ErrorCode code, String message) {
        if (state != State.ASKING) {
            return;
        }
        end();
        connection.send(new ErrorFrame(code, message, id));
        LOG.info("Refused {}'s watch of {}: {} {}", describe(), video, code, message);
    }

    private void stop(String why) {
        Upstream source = upstream;
        end();
        if (source != null) {
            source.stop("node " + connection.user().node() + ": " + why);
        }
    }

    private void end() {
        if (state == State.ASKING) {
            stopAsking.run();
        }
        state = State.ENDED;
        pieces.clear();
        ticket.release();
        forget.run();
    }

    @Override
    public String describe() {
        return connection.describe();
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
        return connection.qualifiedName();
    }
}
