package org.parley.federation.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import io.vertx.core.Future;
import org.parley.federation.wire.Envelope;

/**
 * The envelopes this node sent one destination that it has not seen acknowledged, in order. A
 * stream is numbered from 1 within an incarnation (this node's start time), so a destination can
 * tell a restarted origin from a repeated envelope. Not thread-safe.
 */
final class OutboundStream {

    /**
     * One envelope waiting for its acknowledgement; {@code row} is 0 if it is not stored.
     * {@code stored} completes once it is on disk (at once for one that is not stored): it leaves
     * without waiting for that, but news of its delivery waits, so the sender always hears
     * "accepted" first.
     */
    static final class Pending {
        private final long seq;
        private final long row;
        private final Envelope envelope;
        private final byte[] body;
        private final boolean confirm;
        private final Future<Void> stored;

        Pending(long seq, long row, Envelope envelope, byte[] body, boolean confirm, Future<Void> stored) {
            this.confirm = confirm;
            this.seq = seq;
            this.row = row;
            this.envelope = envelope;
            this.body = body;
            this.stored = stored;
        }

        Future<Void> stored() {
            return stored;
        }

        /** Whether its sender asked to hear when the destination has it. */
        boolean confirm() {
            return confirm;
        }

        long seq() {
            return seq;
        }

        long row() {
            return row;
        }

        Envelope envelope() {
            return envelope;
        }

        byte[] body() {
            return body;
        }

    }

    private final long incarnation;
    private final ArrayDeque<Pending> unacked = new ArrayDeque<>();
    /** Unacknowledged envelopes not sent since the last rewind, in order: sending never rescans what left. */
    private ArrayDeque<Pending> unsent = new ArrayDeque<>();
    private long nextSeq = 1;
    private long bytes;
    /** Per sender ({@code from}): envelopes not yet acknowledged, so a sender's later items can keep their order. */
    private final java.util.Map<String, Integer> unackedFrom = new java.util.HashMap<>();
    private long lastProgressNanos = System.nanoTime();

    OutboundStream(long incarnation) {
        this.incarnation = incarnation;
    }

    long incarnation() {
        return incarnation;
    }

    Pending add(Envelope envelope, byte[] body, long row, boolean confirm, Future<Void> stored) {
        Pending pending = new Pending(nextSeq++, row, envelope, body, confirm, stored);
        if (unacked.isEmpty()) {
            lastProgressNanos = System.nanoTime();
        }
        unacked.add(pending);
        unsent.add(pending);
        bytes += body.length;
        if (envelope.from() != null) {
            unackedFrom.merge(envelope.from(), 1, Integer::sum);
        }
        return pending;
    }

    /** Drops everything up to {@code seq}; returns what was dropped. */
    List<Pending> acknowledge(long seq) {
        List<Pending> done = new ArrayList<>();
        while (!unacked.isEmpty() && unacked.peek().seq() <= seq) {
            Pending gone = unacked.poll();
            bytes -= gone.body().length;
            if (gone.envelope().from() != null) {
                unackedFrom.computeIfPresent(gone.envelope().from(), (from, n) -> n == 1 ? null : n - 1);
            }
            done.add(gone);
        }
        if (!done.isEmpty()) {
            lastProgressNanos = System.nanoTime();
        }
        return done;
    }

    /** The oldest unacknowledged position (the next one to be used if none). */
    long base() {
        return unacked.isEmpty() ? nextSeq : unacked.peek().seq();
    }

    int size() {
        return unacked.size();
    }

    /** Envelopes from {@code from} not yet acknowledged. */
    int unacknowledgedFrom(String from) {
        return unackedFrom.getOrDefault(from, 0);
    }

    /** Bytes of the bodies waiting, all held in memory. */
    long bytes() {
        return bytes;
    }

    boolean stalledSince(long nanos) {
        return !unacked.isEmpty() && lastProgressNanos < nanos;
    }

    /** Starts over from the oldest unacknowledged envelope: everything is unsent again. */
    void rewind() {
        unsent = new ArrayDeque<>(unacked);
        lastProgressNanos = System.nanoTime();
    }

    /** Envelopes not yet sent, in order, below {@code base() + window}; marked sent. */
    List<Pending> takeUnsent(int window) {
        List<Pending> out = new ArrayList<>();
        long base = base();
        long limit = base + window;
        Pending p;
        while ((p = unsent.peek()) != null && p.seq() < limit) {
            unsent.poll();
            if (p.seq() >= base) { // an envelope acknowledged since a rewind needs no resend
                out.add(p);
            }
        }
        return out;
    }
}
