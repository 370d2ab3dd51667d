package org.parley.federation.delivery;

import org.parley.federation.wire.EnvelopeKind;
import org.parley.federation.wire.Refusal;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import org.parley.federation.auth.ItemAuthentication;
import org.parley.federation.auth.OriginRules;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.ReceiptNote;
import org.parley.federation.wire.StreamAck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reliable, ordered, exactly-once streams between this node and every other: envelopes wait in a
 * durable outbox until their destination acknowledges them, are resent from the oldest
 * unacknowledged one when a route appears or changes or when acknowledgements stall, and are
 * delivered at the destination in order, repeats dropped. Intermediate nodes keep nothing. Runs on
 * the federation context.
 */
public final class StreamManager {

    private static final Logger LOG = LoggerFactory.getLogger(StreamManager.class);
    private static final long RESEND_AFTER_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How long a full outbox refuses everything for its destination, at least. */
    private static final long FULL_HOLD_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MIN_REWIND_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Context context;
    private final String self;
    private final long incarnation;
    private final OutboxStore outbox;
    private final EnvelopeTransport transport;
    private final ItemAuthentication auth;
    private final StreamEvents events;
    private final int maxHops;
    private final int window;
    private final int maxWaiting;
    private final long maxWaitingBytes;
    private final Map<String, OutboundStream> outbound = new HashMap<>();
    private final Map<String, Long> lastRewind = new HashMap<>();
    /** Destinations whose outbox filled up, since when (nanos); until it drained to half and the hold passed. */
    private final Map<String, Long> full = new HashMap<>();
    private final Map<String, InboundStream> inbound = new HashMap<>();
    private final Set<String> ackDue = new LinkedHashSet<>();
    private boolean ackFlushScheduled;
    private long nextRow = 1;

    /**
     * @param incarnation this run's stream number: it must grow from run to run (the start time will do)
     * @param window      envelopes sent ahead of the oldest unacknowledged one
     * @param maxWaiting  envelopes that may wait for one destination before senders are refused
     * @param maxWaitingBytes bytes of envelopes that may wait for one destination (held in memory)
     * @param auth        seals what leaves with the tag of this node and its destination
     */
    public StreamManager(Context context, String self, long incarnation, OutboxStore outbox,
                         EnvelopeTransport transport, StreamEvents events, int maxHops, int window, int maxWaiting,
                         long maxWaitingBytes, ItemAuthentication auth) {
        this.context = context;
        this.auth = auth;
        this.self = self;
        this.incarnation = incarnation;
        this.outbox = outbox;
        this.transport = transport;
        this.events = events;
        this.maxHops = maxHops;
        this.window = window;
        this.maxWaiting = maxWaiting;
        this.maxWaitingBytes = maxWaitingBytes;
    }

    /** Takes back what waited in the outbox when the node last stopped. */
    public Future<Integer> load() {
        return outbox.loadAll().map(stored -> {
            for (OutboxStore.Stored item : stored) {
                stream(item.envelope().destination()).add(item.envelope(), item.body(), item.row(), false,
                        Future.succeededFuture());
                nextRow = Math.max(nextRow, item.row() + 1);
            }
            if (!stored.isEmpty()) {
                LOG.info("Outbox holds {} message(s) from before the restart; they leave when their nodes are"
                        + " reachable", stored.size());
            }
            return stored.size();
        });
    }

    /**
     * Whether one more envelope of {@code bytes} for {@code destination} fits in its outbox. Once
     * one does not, none does for {@link #FULL_HOLD_NANOS} and until the outbox has drained to
     * half: what a sender wrote right after a refused envelope (the next pieces of a file, already
     * on their way) is refused too instead of taking its place, which would leave a hole in what
     * arrives; and senders retry into room rather than into the last free slot.
     */
    public boolean hasRoomFor(String destination, int bytes) {
        OutboundStream stream = outbound.get(destination);
        if (stream == null) {
            return true;
        }
        Long fullSince = full.get(destination);
        if (fullSince != null) {
            if (System.nanoTime() - fullSince < FULL_HOLD_NANOS || stream.size() > maxWaiting / 2
                    || stream.bytes() > maxWaitingBytes / 2) {
                return false;
            }
            full.remove(destination);
        }
        if (stream.size() < maxWaiting && stream.bytes() + bytes <= maxWaitingBytes) {
            return true;
        }
        full.put(destination, System.nanoTime());
        return false;
    }

    /**
     * Queues an envelope (its stream fields are filled here) and sends it if a route exists. A
     * durable one is written to the outbox at the same time; {@code stored} completes once it is on
     * disk. It may arrive before that: a crash in between loses nothing, the sender just never
     * heard "accepted". With {@code confirm}, {@link StreamEvents#stored} follows once the
     * destination has taken it (after {@code stored}, so the sender hears "accepted" first).
     */
    public void send(Envelope envelope, byte[] body, boolean durable, boolean confirm, Promise<Void> stored) {
        OutboundStream stream = stream(envelope.destination());
        long row = durable ? nextRow++ : 0;
        Future<Void> written = durable ? outbox.append(row, envelope, body) : Future.succeededFuture();
        written.onComplete(done -> {
            if (done.failed()) {
                LOG.error("Could not store a message for node {}; it stays queued in memory only",
                        envelope.destination(), done.cause());
            }
        }).onComplete(stored);
        stream.add(envelope, body, row, confirm, written);
        pump(envelope.destination(), stream);
    }

    /** A route appeared or changed: resend everything unacknowledged on it. */
    public void onRoutesChanged() {
        outbound.forEach((destination, stream) -> {
            if (transport.reaches(destination)) {
                stream.rewind();
                pump(destination, stream);
            }
        });
    }

    /**
     * The record of {@code destination} arrived or changed: what waited for its agreement key may go
     * now, rather than at the next stall.
     */
    public void recordKnown(String destination) {
        OutboundStream stream = outbound.get(destination);
        if (stream != null) {
            pump(destination, stream);
        }
    }

    /** Called every few hundred milliseconds: resends streams whose acknowledgements stalled. */
    public void tick() {
        long stalledBefore = System.nanoTime() - RESEND_AFTER_NANOS;
        outbound.forEach((destination, stream) -> {
            if (stream.stalledSince(stalledBefore) && transport.reaches(destination)) {
                LOG.debug("No acknowledgement from {} for a while; resending {} envelope(s)", destination,
                        stream.size());
                stream.rewind();
                pump(destination, stream);
            }
        });
    }

    /** Envelopes waiting per destination, for operators and tests. */
    public Map<String, Integer> waiting() {
        Map<String, Integer> waiting = new HashMap<>();
        outbound.forEach((destination, stream) -> waiting.put(destination, stream.size()));
        return waiting;
    }

    /**
     * An envelope addressed to this node, whose tag showed it comes from its origin unaltered. One
     * that breaks the {@link OriginRules} (a sender who is not the origin's, no id) takes its place in
     * the stream, refused, so it blocks nothing after it.
     */
    public void onEnvelope(Envelope envelope, byte[] body) {
        InboundStream stream = inbound.computeIfAbsent(envelope.origin(), origin -> new InboundStream());
        switch (stream.offer(envelope)) {
            case DELIVER -> {
                long run = stream.incarnation();
                String problem = OriginRules.problem(envelope, self);
                if (problem != null) {
                    LOG.warn("Refused {} envelope {} from node {}: {}", envelope.kind(), envelope.id(),
                            envelope.origin(), problem);
                    stream.failed(run, envelope.seq(), Refusal.REFUSED);
                    break;
                }
                if (envelope.kind() == EnvelopeKind.RECEIPTS) {
                    deliverReceipts(envelope, body);
                    stream.safe(run, envelope.seq());
                    break;
                }
                events.deliver(envelope, body).onComplete(taken -> context.runOnContext(v -> {
                    if (taken.failed()) {
                        // Not safe and not refused: leave the position unacknowledged, the origin resends.
                        LOG.error("Could not store {} envelope {} from node {}; it will be resent", envelope.kind(),
                                envelope.id(), envelope.origin(), taken.cause());
                        return;
                    }
                    if (taken.result().isEmpty()) {
                        stream.safe(run, envelope.seq());
                    } else {
                        stream.failed(run, envelope.seq(), taken.result().get());
                    }
                    scheduleAck(envelope.origin());
                }));
                return;
            }
            case DUPLICATE, GAP -> stream.ackAgain();
        }
        scheduleAck(envelope.origin());
    }

    private void deliverReceipts(Envelope envelope, byte[] body) {
        List<ReceiptNote> notes;
        try {
            notes = ReceiptNote.decodeAll(body);
        } catch (IOException e) {
            LOG.warn("Dropped receipts from node {}: their body is not a list of receipts ({})", envelope.origin(),
                    e.getMessage());
            return;
        }
        for (ReceiptNote note : notes) {
            String problem = OriginRules.problem(note, envelope.origin(), self);
            if (problem == null) {
                events.receipt(OriginRules.nameOf(note.to()), note);
            } else {
                LOG.warn("Dropped a receipt from node {}: {}", envelope.origin(), problem);
            }
        }
    }

    /** An acknowledgement from a destination of ours. */
    public void onAck(StreamAck ack) {
        OutboundStream stream = outbound.get(ack.origin());
        if (stream == null || ack.stream() != stream.incarnation()) {
            return;
        }
        List<OutboundStream.Pending> done = stream.acknowledge(ack.seq());
        long lastRow = 0;
        for (OutboundStream.Pending pending : done) {
            lastRow = Math.max(lastRow, pending.row());
            Refusal failure = ack.failures() == null ? null : ack.failures().get(pending.seq());
            // After the sender's "accepted", which waits for the disk.
            if (failure != null) {
                pending.stored().onComplete(ignored -> events.undeliverable(pending.envelope(), failure));
            } else if (pending.confirm()) {
                pending.stored().onComplete(ignored -> events.stored(pending.envelope()));
            }
        }
        if (lastRow != 0) {
            outbox.removeUpTo(ack.origin(), lastRow);
        }
        if (done.isEmpty() && stream.size() > 0) {
            // The destination repeated an old position: it saw a gap or a repeat. Go back, not too often.
            long now = System.nanoTime();
            Long last = lastRewind.get(ack.origin());
            if (last == null || now - last > MIN_REWIND_GAP_NANOS) {
                lastRewind.put(ack.origin(), now);
                stream.rewind();
            }
        }
        pump(ack.origin(), stream);
    }

    private void scheduleAck(String origin) {
        ackDue.add(origin);
        if (!ackFlushScheduled) {
            ackFlushScheduled = true;
            context.runOnContext(v -> flushAcks());
        }
    }

    private void flushAcks() {
        ackFlushScheduled = false;
        for (String origin : ackDue) {
            InboundStream stream = inbound.get(origin);
            long seq = stream.takeAck();
            if (seq < 0) {
                continue;
            }
            Optional<byte[]> ack = auth.sealedFrame(new StreamAck(self, origin, maxHops, stream.incarnation(), seq,
                    stream.failures()));
            if (ack.isEmpty() || !transport.sendToward(origin, ack.get())) {
                stream.ackAgain(); // no route or no key yet: the next envelope from the origin asks again
            }
        }
        ackDue.clear();
    }

    /**
     * Envelopes from user {@code from} (as written in them) to {@code destination} that it has not
     * acknowledged yet: while there are any, something sent after them on another path could overtake them.
     */
    public int unacknowledgedFrom(String from, String destination) {
        OutboundStream stream = outbound.get(destination);
        return stream == null ? 0 : stream.unacknowledgedFrom(from);
    }

    private OutboundStream stream(String destination) {
        return outbound.computeIfAbsent(destination, d -> new OutboundStream(incarnation));
    }

    private void pump(String destination, OutboundStream stream) {
        if (!transport.reaches(destination)) {
            return;
        }
        long base = stream.base();
        for (OutboundStream.Pending pending : stream.takeUnsent(window)) {
            Optional<byte[]> placed = auth.sealedFrame(pending.envelope().inStream(maxHops, incarnation,
                    pending.seq(), base), pending.body());
            if (placed.isEmpty()) {
                // No agreement key for the destination yet: its record is on the way. Resent on the next tick.
                LOG.debug("No agreement key for node {} yet; {} envelope(s) wait", destination, stream.size());
                stream.rewind();
                return;
            }
            if (!transport.sendToward(destination, placed.get())) {
                stream.rewind();
                return;
            }
        }
    }
}
