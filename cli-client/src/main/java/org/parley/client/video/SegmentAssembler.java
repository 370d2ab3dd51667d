package org.parley.client.video;

import java.util.ArrayList;
import java.util.List;
import org.parley.protocol.message.VideoData;

/**
 * Puts a stream's pieces back into whole segments, so that only whole segments are written: a
 * stream cut in the middle of a segment leaves its output ending on a segment's end, which plays,
 * and a resumed stream goes on from the segment that was cut. Holds at most one partial segment,
 * and refuses one larger than {@link #MAX_SEGMENT_BYTES}. Pieces must come as the protocol sends
 * them: each segment from offset 0 without gaps, the segments in order. Not thread-safe: one
 * stream's pieces arrive on one thread.
 */
final class SegmentAssembler {

    /**
     * A segment is a keyframe interval, about two seconds: megabytes even at high bitrates. A node
     * that sends more without ending it would have this process hold it all.
     */
    static final long MAX_SEGMENT_BYTES = 64L << 20;

    /** The first segment not yet whole. */
    private int next;
    private VideoData first;
    private final List<byte[]> pieces = new ArrayList<>();
    private long bytes;

    SegmentAssembler(int firstSegment) {
        this.next = firstSegment;
    }

    /** The first segment not yet whole: where a stream resumes. */
    int next() {
        return next;
    }

    /**
     * Takes a piece; the segment it completes, or null.
     *
     * @throws IllegalStateException if the piece breaks the order the protocol promises
     */
    Segment accept(VideoData piece, byte[] body) {
        if (piece.segment() < next) {
            return null; // a segment already whole, sent again by a resumed stream
        }
        if (piece.segment() > next) {
            throw new IllegalStateException("the node skipped from segment " + next + " to segment " + piece.segment());
        }
        if (piece.offset() != bytes) {
            throw new IllegalStateException("the node sent segment " + piece.segment() + " from byte " + piece.offset()
                    + " where byte " + bytes + " was due");
        }
        if (bytes + body.length > MAX_SEGMENT_BYTES) {
            throw new IllegalStateException("segment " + piece.segment() + " grew past "
                    + (MAX_SEGMENT_BYTES >> 20) + " MiB without ending");
        }
        if (first == null) {
            first = piece;
        }
        pieces.add(body);
        bytes += body.length;
        if (!piece.last()) {
            return null;
        }
        Segment whole = new Segment(first.segment(), first.resolution(), first.startMillis(), pieces, bytes);
        next++;
        drop();
        return whole;
    }

    /** Forgets the partial segment (its stream was cut); the bytes it held. */
    long drop() {
        long dropped = bytes;
        first = null;
        pieces.clear();
        bytes = 0;
        return dropped;
    }
}
