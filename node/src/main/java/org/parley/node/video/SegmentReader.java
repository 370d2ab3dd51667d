package org.parley.node.video;

import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Executor;
import org.parley.federation.bulk.BulkStreams;
import org.parley.node.media.WatchPlan;

/**
 * Reads the segments of a {@link WatchPlan} from disk in pieces of at most 128 KiB, on a worker, one
 * read at a time, and only while what it handed on and was not yet taken ({@link #taken}) stays
 * within {@code aheadBytes}: a viewer that stops reading stops the reading, and a video is never
 * held in memory whole. Its state lives on {@code home} (a connection's or the federation's context),
 * where the sink hears each piece in order.
 */
final class SegmentReader {

    /**
     * The largest piece (about half a second of a 2 Mbit/s rendition). Small, because a node serves
     * and passes on many streams at once and holds a few pieces of each, in several copies on the way
     * (the link's frames, the item, the client's frame, the socket's batch): 1 MiB pieces and a bulk
     * window ahead made 100 viewers of one node hold 400 MiB, and 256 KiB pieces still ran the
     * viewers' node out of a 256 MiB heap with 100 viewers of a 720p film. At 128 KiB no copy reaches
     * half a G1 region of a small heap, where an array becomes humongous.
     */
    static final int MAX_PIECE_BYTES = 128 * 1024;

    /**
     * What a stream reads ahead of what was taken: two pieces with their headers, which keeps a
     * stream between nodes in full flow on loopback and bounds what a node holds for video at
     * {@code media.maxStreams} times this (200 streams: about 50 MiB).
     */
    static final long AHEAD_BYTES = 2L * (MAX_PIECE_BYTES + BulkStreams.MAX_HEADER_BYTES);

    /** Where pieces go, on the home context. */
    interface Sink {
        void piece(Read read);

        /** Every planned segment was read and handed on. */
        void finished();

        /** A segment could not be read; nothing more comes. */
        void failed(String why);
    }

    /** Makes a piece's header for the wire, on the worker that read it (null: no header needed). */
    interface HeaderMaker {
        byte[] header(VideoPiece piece, byte[] body);
    }

    /** One piece read: what it is, its bytes, and its header for the wire if one was made. */
    record Read(VideoPiece piece, byte[] body, byte[] header) {
        /** What it holds against the reader's allowance: as a bulk item counts it. */
        long bytes() {
            return (long) body.length + (header == null ? 0 : header.length);
        }
    }

    private final Vertx vertx;
    private final Executor home;
    private final List<WatchPlan.Planned> plan;
    private final long aheadBytes;
    private final HeaderMaker headers;
    private final Sink sink;

    // On the home context.
    private int next;
    private long offset;
    private long pieces;
    private long ahead;
    private boolean reading;
    private boolean over;

    /**
     * @param aheadBytes what may be handed on and not taken yet; at least one piece is always allowed
     * @param headers    makes each piece's header on the worker; null for none
     */
    SegmentReader(Vertx vertx, Executor home, List<WatchPlan.Planned> plan, long aheadBytes, HeaderMaker headers,
                  Sink sink) {
        this.vertx = vertx;
        this.home = home;
        this.plan = List.copyOf(plan);
        this.aheadBytes = aheadBytes;
        this.headers = headers;
        this.sink = sink;
    }

    /** Starts reading. On the home context. */
    void start() {
        pump();
    }

    /** A piece of {@code bytes} (as {@link Read#bytes}) was taken: read on. On the home context. */
    void taken(long bytes) {
        ahead -= bytes;
        pump();
    }

    /** Reads no more. On the home context. */
    void stop() {
        over = true;
    }

    private void pump() {
        if (reading || over) {
            return;
        }
        if (next == plan.size()) {
            over = true;
            sink.finished();
            return;
        }
        if (ahead > 0 && ahead + MAX_PIECE_BYTES + BulkStreams.MAX_HEADER_BYTES > aheadBytes) {
            return;
        }
        reading = true;
        WatchPlan.Planned planned = plan.get(next);
        long at = offset;
        long number = pieces + 1;
        vertx.executeBlocking(() -> read(planned, at, number), false)
                .onComplete(result -> home.execute(() -> afterRead(planned, result)));
    }

    /** On a worker. */
    private Read read(WatchPlan.Planned planned, long at, long number) throws IOException {
        try (FileChannel file = FileChannel.open(planned.segment().file(), StandardOpenOption.READ)) {
            long size = file.size();
            if (at > size) {
                throw new EOFException("the file is " + size + " bytes now, shorter than when it was read up to " + at);
            }
            int length = (int) Math.min(MAX_PIECE_BYTES, size - at);
            ByteBuffer body = ByteBuffer.allocate(length);
            while (body.hasRemaining()) {
                if (file.read(body, at + body.position()) < 0) {
                    throw new EOFException("the file ended at " + (at + body.position()) + " of " + size + " bytes");
                }
            }
            VideoPiece piece = new VideoPiece(number, planned.segment().index(), planned.segment().startMillis(), at,
                    at + length >= size, planned.resolution().toString());
            byte[] bytes = body.array();
            return new Read(piece, bytes, headers == null ? null : headers.header(piece, bytes));
        }
    }

    private void afterRead(WatchPlan.Planned planned, AsyncResult<Read> result) {
        reading = false;
        if (over) {
            return;
        }
        if (result.failed()) {
            over = true;
            sink.failed("could not read segment " + planned.segment().index() + " (" + planned.resolution() + ") from "
                    + planned.segment().file() + ": " + result.cause().getMessage());
            return;
        }
        Read read = result.result();
        pieces = read.piece().piece();
        ahead += read.bytes();
        if (read.piece().last()) {
            next++;
            offset = 0;
        } else {
            offset += read.body().length;
        }
        sink.piece(read);
        pump();
    }
}
