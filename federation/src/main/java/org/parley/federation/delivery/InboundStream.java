package org.parley.federation.delivery;

import org.parley.federation.wire.Refusal;

import org.parley.federation.wire.Envelope;

/**
 * What this node has delivered of one origin's stream: it takes envelopes strictly in order, drops
 * repeats, and refuses gaps (the origin resends from its oldest unacknowledged envelope). A position
 * is acknowledged only once what it carried is safe here (stored in a mailbox, say), since the origin
 * forgets what is acknowledged. Not thread-safe.
 */
final class InboundStream {

    enum Verdict { DELIVER, DUPLICATE, GAP }

    private long incarnation = -1;
    private long expected;
    private long acked;
    /** Every position up to here is safe; later ones may have finished out of order. */
    private long safe;
    private final java.util.TreeSet<Long> safeAhead = new java.util.TreeSet<>();
    /** Positions not delivered, with why, kept until the origin's base shows it has heard of them. */
    private final java.util.TreeMap<Long, Refusal> failures = new java.util.TreeMap<>();

    Verdict offer(Envelope envelope) {
        if (envelope.stream() > incarnation) {
            // A new run of the origin (or the first envelope heard from it): start where it says.
            incarnation = envelope.stream();
            expected = envelope.base();
            acked = expected - 1;
            safe = expected - 1;
            safeAhead.clear();
            failures.clear();
        } else if (envelope.stream() < incarnation) {
            return Verdict.DUPLICATE; // from a run the origin has since replaced
        }
        if (!failures.isEmpty()) {
            failures.headMap(envelope.base()).clear(); // the origin has processed an ack that carried these
        }
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

    /** What was delivered at {@code seq} of run {@code run} is safe here and may be acknowledged. */
    void safe(long run, long seq) {
        if (run != incarnation || seq <= safe) {
            return;
        }
        if (seq != safe + 1) {
            safeAhead.add(seq);
            return;
        }
        safe = seq; // the usual case, in order: nothing to set aside
        while (!safeAhead.isEmpty() && safeAhead.first() == safe + 1) {
            safe = safeAhead.pollFirst();
        }
    }

    /** What was delivered at {@code seq} of run {@code run} did not reach its recipient, for {@code status}. */
    void failed(long run, long seq, Refusal status) {
        if (run != incarnation) {
            return;
        }
        failures.put(seq, status);
        acked = Math.min(acked, seq - 1); // make sure an acknowledgement goes out with it
        safe(run, seq);
    }

    /** Failures the origin may not have heard of yet; null if none. */
    java.util.Map<Long, Refusal> failures() {
        return failures.isEmpty() ? null : java.util.Map.copyOf(failures);
    }

    /** The position to acknowledge, or -1 if nothing new became safe since the last ack. */
    long takeAck() {
        if (safe <= acked) {
            return -1;
        }
        acked = safe;
        return acked;
    }

    /** Forces the next {@link #takeAck} to repeat the last position (a duplicate means an ack was lost). */
    void ackAgain() {
        acked = Math.min(acked, safe - 1);
    }
}
