package org.parley.federation.delivery;

import org.parley.federation.wire.Envelope;

/**
 * What this node has delivered of one origin's stream: it takes envelopes strictly in order, drops
 * repeats, and refuses gaps (the origin resends from its oldest unacknowledged envelope). Not
 * thread-safe.
 */
final class InboundStream {

    enum Verdict { DELIVER, DUPLICATE, GAP }

    private long incarnation = -1;
    private long expected;
    private long acked;
    /** Positions not delivered, with why, kept until the origin's base shows it has heard of them. */
    private final java.util.TreeMap<Long, String> failures = new java.util.TreeMap<>();

    Verdict offer(Envelope envelope) {
        if (envelope.stream() > incarnation) {
            // A new run of the origin (or the first envelope heard from it): start where it says.
            incarnation = envelope.stream();
            expected = envelope.base();
            acked = expected - 1;
            failures.clear();
        } else if (envelope.stream() < incarnation) {
            return Verdict.DUPLICATE; // from a run the origin has since replaced
        }
        failures.headMap(envelope.base()).clear(); // the origin has processed an ack that carried these
        if (envelope.seq() < expected) {
            return Verdict.DUPLICATE;
        }
        if (envelope.seq() > expected) {
            return Verdict.GAP;
        }
        expected++;
        return Verdict.DELIVER;
    }

    long incarnation() {
        return incarnation;
    }

    /** The envelope just delivered at {@code seq} did not reach its recipient. */
    void failed(long seq, String status) {
        failures.put(seq, status);
        acked = Math.min(acked, seq - 1); // make sure an acknowledgement goes out with it
    }

    /** Failures the origin may not have heard of yet; null if none. */
    java.util.Map<Long, String> failures() {
        return failures.isEmpty() ? null : java.util.Map.copyOf(failures);
    }

    /** The position to acknowledge, or -1 if nothing new was delivered since the last ack. */
    long takeAck() {
        if (expected - 1 <= acked) {
            return -1;
        }
        acked = expected - 1;
        return acked;
    }

    /** Forces the next {@link #takeAck} to repeat the last position (a duplicate means an ack was lost). */
    void ackAgain() {
        acked = Math.min(acked, expected - 2);
    }
}
