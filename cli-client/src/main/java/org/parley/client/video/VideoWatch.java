package org.parley.client.video;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.parley.client.net.ConnectionClosedException;
import org.parley.client.net.NodeSession;
import org.parley.client.net.ReadingBacklog;
import org.parley.client.net.RefusedException;
import org.parley.client.net.VideoStreamListener;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.VideoData;
import org.parley.protocol.message.VideoEnd;
import org.parley.protocol.message.Watching;

/**
 * One video being watched, from the {@code watch} to the end of its output, across interruptions.
 *
 * <p>Only whole segments are written ({@link SegmentAssembler}), on the watch's own thread
 * ({@link SegmentWriter}); while more than {@link #BACKLOG_HIGH} bytes of them wait to be written
 * (a player reads at the pace of playback), the connection is not read, so the node holds the
 * stream back instead of this process holding it in memory.
 *
 * <p>When the stream is cut ({@code video-end} not complete: a link between the nodes dropped, the
 * holder restarted) it watches again from the first segment it does not have whole; when its own
 * connection drops (its node restarted) it logs in again first, through {@link Connection}. The
 * pauses between tries are {@link ResumeBackoff}'s: half a second doubling to five, for up to a
 * minute without progress. A first watch the node refuses (UNKNOWN_VIDEO, UNKNOWN_RESOLUTION,
 * NODE_UNREACHABLE, TOO_MANY_STREAMS) fails at once: there is nothing to resume.
 *
 * <p>{@link #stop()} sends {@code unwatch} and ends with what was written whole. Its state is
 * confined to one Vert.x context; what arrives from a connection hops onto it.
 */
public final class VideoWatch {

    /** Where the watch finds its node: the connection now, and a new one once it dropped. */
    public interface Connection {
        NodeSession current();

        /** A connection logged in again after the current one dropped (or the current one, if it is open). */
        Future<NodeSession> again();
    }

    /** What the watch tells its owner, on its context. */
    public interface Listener {
        /** The stream began, going to {@code where}; again after an interruption ({@code resumed}). */
        default void started(Watching watching, String where, boolean resumed) {
        }

        /** Another whole segment is written (or about to be: it is queued for the output). */
        default void progress(WatchStatus status) {
        }

        /** Something the person watching should know: the stream was cut and goes on soon, say. */
        default void notice(String line) {
        }
    }

    /**
     * How a watch ended without failing.
     *
     * @param stopped why it stopped before the end (it was asked to, the player closed), or null
     *                when it is complete
     */
    public record Result(String where, WatchStatus status, String stopped) {
    }

    static final long BACKLOG_HIGH = 16L << 20;
    static final long BACKLOG_LOW = 4L << 20;
    /** How long a stop waits for the node's {@code video-end} after its {@code unwatch}. */
    static final long STOP_WAIT_MILLIS = 5_000;

    private final Vertx vertx;
    private final Context context;
    private final Connection connection;
    private final WatchRequest request;
    private final Listener listener;
    private final SegmentWriter writer;
    private final ReadingBacklog backlog;
    private final ResumeBackoff backoff = new ResumeBackoff();
    private final Promise<Result> result = Promise.promise();
    private final long startNanos = System.nanoTime();

    private NodeSession session;
    /** The stream under way on {@link #session}, or null between tries: what arrives for another is stale. */
    private String streamId;
    /** The first {@code watching}; null until the stream began. */
    private Watching first;
    private SegmentAssembler segments;
    /** The output being opened, once the stream began; {@link #where} once it is. */
    private Future<String> opened;
    /** Written once, as the output opens (on the writer's thread), before anything composed on {@link #opened}. */
    private volatile String where;
    private long positionMillis;
    private long bytes;
    private long timer = -1;
    private String stopping;
    private boolean finished;

    public VideoWatch(Vertx vertx, Connection connection, WatchRequest request, Destination destination,
                      Listener listener) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.connection = connection;
        this.request = request;
        this.listener = listener;
        this.writer = new SegmentWriter(vertx, destination);
        this.backlog = new ReadingBacklog(() -> session.pauseReading(), () -> session.resumeReading(), BACKLOG_HIGH,
                BACKLOG_LOW);
    }

    public WatchRequest request() {
        return request;
    }

    /** Starts watching; completes when the output is whole and closed, or stopped, or fails. */
    public Future<Result> start() {
        onContext(() -> {
            session = connection.current();
            watch();
        });
        return result.future();
    }

    /**
     * Stops: sends {@code unwatch}, keeps what came whole, closes the output. {@code why} says it
     * in the result ("stopped").
     */
    public Future<Result> stop(String why) {
        onContext(() -> {
            if (finished || stopping != null) {
                return;
            }
            stopping = why;
            if (streamId == null) {
                finish(null, true);
                return;
            }
            session.unwatch(streamId);
            timer = vertx.setTimer(STOP_WAIT_MILLIS, t -> finish(null, true));
        });
        return result.future();
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    private void watch() {
        String id = NodeSession.newMessageId();
        streamId = id;
        session.watch(request.frame(id, segments == null ? null : segments.next()), new Stream(id))
                .onFailure(refused -> onContext(() -> {
                    if (id.equals(streamId)) {
                        streamId = null;
                        refused(refused);
                    }
                }));
    }

    /** One try's stream: what it hears counts only while it is the watch's current one. */
    private final class Stream implements VideoStreamListener {
        private final String id;

        Stream(String id) {
            this.id = id;
        }

        private void now(Runnable action) {
            onContext(() -> {
                if (id.equals(streamId) && !finished) {
                    action.run();
                }
            });
        }

        @Override
        public void started(Watching watching) {
            now(() -> VideoWatch.this.started(watching));
        }

        @Override
        public void piece(VideoData piece, byte[] body) {
            now(() -> VideoWatch.this.piece(piece, body));
        }

        @Override
        public void ended(VideoEnd end) {
            now(() -> {
                streamId = null;
                VideoWatch.this.ended(end);
            });
        }

        @Override
        public void lost(ConnectionClosedException why) {
            now(() -> {
                streamId = null;
                interrupted(why.getMessage());
            });
        }
    }

    private void started(Watching watching) {
        if (first == null) {
            first = watching;
            segments = new SegmentAssembler(watching.firstSegment());
            positionMillis = watching.startMillis();
            // Said as part of opening, so that it is said before anything that follows the opening (the end).
            opened = writer.open(request, watching).map(at -> {
                where = at;
                listener.started(watching, at, false);
                return at;
            });
            opened.onFailure(failed -> onContext(() -> abort(failed)));
            return;
        }
        if (watching.firstSegment() > segments.next()) {
            abort(new IllegalStateException("the node resumed " + request.video() + " at segment "
                    + watching.firstSegment() + ", not at segment " + segments.next() + " as asked"));
            return;
        }
        listener.started(watching, where, true);
    }

    private void piece(VideoData piece, byte[] body) {
        if (first == null) {
            abort(new IllegalStateException("the node sent " + request.video() + " before saying it began"));
            return;
        }
        // A segment's first piece says where the segments before it, all whole, end.
        boolean begins = piece.segment() == segments.next() && piece.offset() == 0;
        Segment whole;
        try {
            whole = segments.accept(piece, body);
        } catch (IllegalStateException broken) {
            abort(broken);
            return;
        }
        if (begins) {
            positionMillis = piece.startMillis();
        }
        if (whole != null) {
            // Where it ends is known once the next begins; till then, from the segments' average length.
            positionMillis = Math.max(positionMillis, Math.min(first.durationMillis(), whole.startMillis()
                    + first.durationMillis() / Math.max(1, first.segments())));
            backoff.progressed();
            bytes += whole.bytes();
            backlog.arrived(whole.bytes());
            writer.write(whole).onComplete(written -> {
                backlog.handled(whole.bytes());
                if (written.failed()) {
                    writeFailed(written.cause());
                }
            });
        }
        if (where != null) {
            listener.progress(status(false));
        }
    }

    private void ended(VideoEnd end) {
        if (stopping != null) {
            finish(null, true);
        } else if (first == null) {
            abort(new IllegalStateException("the node ended " + request.video() + " before it began"));
        } else if (!end.complete()) {
            interrupted(end.reason() == null ? "the stream was cut" : end.reason());
        } else if (segments.next() < first.segments()) {
            abort(new IllegalStateException("the node ended " + request.video() + " at segment " + segments.next()
                    + " of " + first.segments() + (end.reason() == null ? "" : ": " + end.reason())));
        } else {
            positionMillis = first.durationMillis();
            finish(null, false);
        }
    }

    /** The node refused the watch, did not answer, or the connection ended before it did. */
    private void refused(Throwable cause) {
        if (stopping != null) {
            finish(null, true);
        } else if (first == null && !(cause instanceof RefusedException refused
                && refused.code() == ErrorCode.RATE_LIMITED)) {
            abort(cause);
        } else if (cause instanceof RefusedException refused && refused.code() == ErrorCode.BAD_REQUEST) {
            abort(cause);
        } else {
            interrupted(cause instanceof RefusedException refused ? refused.getMessage() + " (" + refused.code() + ")"
                    : cause instanceof TimeoutException || cause instanceof ConnectionClosedException
                    ? cause.getMessage() : String.valueOf(cause));
        }
    }

    /** The stream was cut: watch again from the first segment not whole, after a pause, logging in again if need be. */
    private void interrupted(String why) {
        if (stopping != null) {
            finish(null, true);
            return;
        }
        if (segments != null) {
            segments.drop();
            if (segments.next() >= first.segments()) {
                positionMillis = first.durationMillis(); // cut after the last segment came whole: nothing is missing
                finish(null, false);
                return;
            }
        }
        long pause = backoff.next(TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
        if (pause < 0) {
            abort(new IllegalStateException("could not resume " + request.video() + " within "
                    + ResumeBackoff.BUDGET_MILLIS / 1000 + " s (" + why + ")" + (where == null ? ""
                    : "; " + where + " holds it whole up to " + VideoTime.clock(positionMillis))));
            return;
        }
        listener.notice(request.video() + " was interrupted (" + why + "); resuming"
                + (segments == null ? "" : " at segment " + segments.next()) + " in " + seconds(pause));
        timer = vertx.setTimer(pause, t -> {
            timer = -1;
            if (finished) {
                return;
            }
            if (!session.closedFuture().isComplete()) {
                watch();
                return;
            }
            long left = backoff.left(TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
            connection.again().timeout(Math.max(1, left), TimeUnit.MILLISECONDS)
                    .onComplete(again -> onContext(() -> {
                        if (finished) {
                            return;
                        }
                        if (again.failed()) {
                            Throwable cause = again.cause();
                            interrupted(cause.getMessage() == null ? cause.toString() : cause.getMessage());
                            return;
                        }
                        NodeSession previous = session;
                        session = again.result();
                        if (backlog.paused() && previous != session) {
                            session.pauseReading(); // the hold moves to the new connection
                        }
                        if (stopping != null) {
                            finish(null, true);
                        } else {
                            watch();
                        }
                    }));
        });
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s",
                millis / 1000.0);
    }

    private void writeFailed(Throwable cause) {
        if (finished) {
            return;
        }
        if (streamId != null) {
            session.unwatch(streamId);
            streamId = null;
        }
        if (cause instanceof PlayerClosedException closed) {
            stopping = closed.getMessage();
            finish(null, false);
        } else {
            abort(cause);
        }
    }

    /** Ends with {@code cause}, keeping what was written whole; the stream, if any, is stopped. */
    private void abort(Throwable cause) {
        if (streamId != null) {
            session.unwatch(streamId);
            streamId = null;
        }
        finish(cause, true);
    }

    /** Closes the output once what came whole is written; {@code abandon}: a player is ended rather than waited for. */
    private void finish(Throwable failure, boolean abandon) {
        if (finished) {
            return;
        }
        finished = true;
        streamId = null;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        if (segments != null) {
            segments.drop();
        }
        // After the output is open (and said so): a stream may end before that.
        Future<String> ready = opened == null ? Future.succeededFuture() : opened.otherwiseEmpty();
        ready.compose(open -> writer.close(abandon)).onComplete(closed -> onContext(() -> {
            if (failure != null) {
                result.fail(failure);
            } else if (closed.failed() && !(closed.cause() instanceof PlayerClosedException)) {
                result.fail(closed.cause());
            } else {
                WatchStatus last = status(stopping == null);
                if (last.complete()) {
                    listener.progress(last);
                }
                result.complete(new Result(opened != null && opened.succeeded() ? opened.result() : null, last,
                        stopping));
            }
        }));
    }

    private WatchStatus status(boolean complete) {
        String variant = request.mixed() ? "mixed" : first == null || first.resolutions().isEmpty() ? ""
                : first.resolutions().get(0);
        return new WatchStatus(request.video(), variant, first == null ? 0 : first.durationMillis(), positionMillis,
                first == null ? 0 : first.startMillis(), bytes, System.nanoTime() - startNanos, complete);
    }
}
