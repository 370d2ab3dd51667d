package org.parley.federation.bulk;

import io.vertx.core.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.parley.federation.link.PeerLink;
import org.parley.federation.wire.BulkClose;
import org.parley.federation.wire.BulkCredit;
import org.parley.federation.wire.BulkData;
import org.parley.federation.wire.BulkMessage;
import org.parley.federation.wire.BulkOpen;
import org.parley.federation.wire.BulkReset;
import org.parley.federation.wire.BulkSettle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bulk streams of one link, both ways: the streams this node opened (odd numbers if it dialled
 * the link, even if it accepted it) and those the peer opened (the other parity, each higher than
 * the last), so either end opens streams without asking. It checks every bulk frame the peer sends
 * against the stream it names: a peer that breaks the rules has that stream reset and the reason
 * logged with the link, and the third time, the link closed. Frames of a stream that has ended are
 * ignored: they were on their way. All of it ends with the link. Runs on the link's context, but for
 * {@link #open}.
 */
final class LinkBulkStreams {

    private static final Logger LOG = LoggerFactory.getLogger(LinkBulkStreams.class);
    /** The violation that closes the link. */
    static final int MAX_VIOLATIONS = 3;

    private final PeerLink link;
    private final Context context;
    private final String self;
    private final BulkLimits limits;
    private final Acceptors acceptors;
    private final AtomicLong nodeHeld;
    private final BulkTotals totals;
    /** The last number this node gave a stream. */
    private final AtomicInteger lastOpenedHere;

    // The link's context only.
    private final Map<Integer, OutgoingBulkStream> outgoing = new HashMap<>();
    private final Map<Integer, IncomingBulkStream> incoming = new HashMap<>();
    private int lastOpenedThere;
    private int violations;
    private String closedBecause;

    /** Where streams go by purpose. */
    interface Acceptors {
        /** Who takes streams of {@code purpose}; null for nobody. */
        Consumer<BulkReceiver> of(BulkPurpose purpose);
    }

    LinkBulkStreams(PeerLink link, Context context, String self, BulkLimits limits, Acceptors acceptors,
                    AtomicLong nodeHeld, BulkTotals totals) {
        this.totals = totals;
        this.link = link;
        this.context = context;
        this.self = self;
        this.limits = limits;
        this.acceptors = acceptors;
        this.nodeHeld = nodeHeld;
        this.lastOpenedHere = new AtomicInteger(link.dialed() ? -1 : 0);
        this.lastOpenedThere = link.dialed() ? 0 : -1;
    }

    String peer() {
        return link.peerName();
    }

    String self() {
        return self;
    }

    /** The node's totals, which this link's streams add to. */
    BulkTotals totals() {
        return totals;
    }

    Context context() {
        return context;
    }

    /** Opens a stream from any thread; it is announced to the peer on the link's context. */
    Optional<BulkSender> open(BulkPurpose purpose, byte[] header) {
        int id = lastOpenedHere.addAndGet(2);
        if (id <= 0) {
            LOG.warn("The link with node {} has used up its bulk stream numbers; the stream waits for a new link",
                    peer());
            return Optional.empty();
        }
        OutgoingBulkStream stream = new OutgoingBulkStream(this, id, purpose, nodeHeld);
        byte[] opening = header.clone();
        context.runOnContext(v -> {
            if (closedBecause != null) {
                stream.ended(BulkEnd.Cause.LINK_LOST, closedBecause);
                return;
            }
            outgoing.put(id, stream);
            totals.openedHere();
            link.send(new BulkOpen(id, purpose.word()), opening);
        });
        return Optional.of(stream);
    }

    /** A bulk frame from the peer. */
    void onFrame(BulkMessage message, byte[] body) {
        try {
            if (message instanceof BulkData data) {
                IncomingBulkStream stream = openedThere(data.stream(), "data");
                totals.received(body.length);
                if (stream != null) {
                    stream.onData(data, body);
                }
            } else if (message instanceof BulkSettle settle) {
                OutgoingBulkStream stream = openedHere(settle.stream(), "a settlement");
                if (stream != null) {
                    stream.onSettle(settle);
                }
            } else if (message instanceof BulkCredit credit) {
                OutgoingBulkStream stream = openedHere(credit.stream(), "credit");
                if (stream != null) {
                    stream.onCredit(credit.bytes());
                }
            } else if (message instanceof BulkOpen open) {
                onOpen(open, body);
            } else if (message instanceof BulkClose close) {
                IncomingBulkStream stream = openedThere(close.stream(), "its close");
                if (stream != null) {
                    stream.ended(BulkEnd.Cause.CLOSED, "closed by node " + peer() + " after its last item");
                }
            } else if (message instanceof BulkReset reset) {
                onReset(reset);
            }
        } catch (BulkViolation violation) {
            violated(message.stream(), violation.getMessage());
        }
    }

    private void onOpen(BulkOpen open, byte[] header) throws BulkViolation {
        int id = open.stream();
        if (id <= 0 || !isTheirs(id) || id <= lastOpenedThere) {
            throw new BulkViolation("opened stream " + id + ", a number it may not use now (the last it opened was "
                    + lastOpenedThere + ")");
        }
        lastOpenedThere = id;
        if (header.length > BulkStreams.MAX_HEADER_BYTES) {
            throw new BulkViolation("opened stream " + id + " with a header of " + header.length + " bytes (at most "
                    + BulkStreams.MAX_HEADER_BYTES + ")");
        }
        BulkPurpose purpose = BulkPurpose.of(open.purpose());
        Consumer<BulkReceiver> acceptor = purpose == null ? null : acceptors.of(purpose);
        if (acceptor == null) {
            link.send(new BulkReset(id, "node " + self + " takes no " + open.purpose() + " streams"));
            return;
        }
        if (incoming.size() >= limits.maxStreamsPerLink()) {
            LOG.info("Node {} opened more than {} bulk streams at once on its link; refused stream {}", peer(),
                    limits.maxStreamsPerLink(), id);
            link.send(new BulkReset(id, "node " + self + " takes at most " + limits.maxStreamsPerLink()
                    + " streams at once from node " + peer()));
            return;
        }
        IncomingBulkStream stream = new IncomingBulkStream(this, id, purpose, header, limits.windowBytes(), nodeHeld);
        incoming.put(id, stream);
        totals.openedThere();
        try {
            acceptor.accept(stream);
        } catch (RuntimeException e) {
            LOG.error("Taking {} failed; resetting it", stream, e);
            stream.resetHere("node " + self + " failed to take the stream");
        }
        if (!stream.hasEnded()) {
            link.send(new BulkCredit(id, limits.windowBytes()));
        }
    }

    private void onReset(BulkReset reset) {
        int id = reset.stream();
        String why = "reset by node " + peer() + ": " + reset.why();
        if (isTheirs(id)) {
            IncomingBulkStream stream = incoming.get(id);
            if (stream != null) {
                stream.ended(BulkEnd.Cause.RESET_BY_PEER, why);
            }
        } else {
            OutgoingBulkStream stream = outgoing.get(id);
            if (stream != null) {
                stream.ended(BulkEnd.Cause.RESET_BY_PEER, why);
            }
        }
    }

    /**
     * The live stream the peer opened that {@code what} names; null for one that has ended (what it
     * sent was on its way).
     */
    private IncomingBulkStream openedThere(int id, String what) throws BulkViolation {
        if (id <= 0 || !isTheirs(id) || id > lastOpenedThere) {
            throw new BulkViolation("sent " + what + " on stream " + id + ", which it did not open");
        }
        return incoming.get(id);
    }

    /** The live stream this node opened that {@code what} names; null for one that has ended. */
    private OutgoingBulkStream openedHere(int id, String what) throws BulkViolation {
        if (id <= 0 || isTheirs(id) || id > lastOpenedHere.get()) {
            throw new BulkViolation("sent " + what + " on stream " + id + ", which node " + self + " did not open");
        }
        return outgoing.get(id);
    }

    /** Whether the peer numbers its streams as {@code id} is numbered: odd ones are the dialler's. */
    private boolean isTheirs(int id) {
        boolean odd = (id & 1) == 1;
        return odd != link.dialed();
    }

    private void violated(int id, String what) {
        violations++;
        LOG.warn("Node {} ({}) broke the rules of bulk streams on its link: it {}; stream {} reset ({} of {} before"
                + " the link is closed)", peer(), link.remote(), what, id, violations, MAX_VIOLATIONS);
        String why = "node " + peer() + " " + what;
        IncomingBulkStream in = incoming.get(id);
        OutgoingBulkStream out = outgoing.get(id);
        if (in != null) {
            in.resetHere(why);
        } else if (out != null) {
            out.resetHere(why);
        } else {
            link.send(new BulkReset(id, why));
        }
        if (violations >= MAX_VIOLATIONS) {
            link.refuse("broke the rules of bulk streams " + violations + " times, the last time: it " + what);
        }
    }

    /** The link closed: every stream on it ends. */
    void closed(String reason) {
        closedBecause = "the link with node " + peer() + " closed: " + reason;
        int streams = incoming.size() + outgoing.size();
        for (IncomingBulkStream stream : List.copyOf(incoming.values())) {
            stream.ended(BulkEnd.Cause.LINK_LOST, closedBecause);
        }
        for (OutgoingBulkStream stream : List.copyOf(outgoing.values())) {
            stream.ended(BulkEnd.Cause.LINK_LOST, closedBecause);
        }
        if (streams > 0) {
            LOG.info("{} bulk stream(s) with node {} ended with their link", streams, peer());
        }
    }

    // ---- for the streams ----

    void send(BulkMessage message) {
        link.send(message);
    }

    void schedule(OutgoingBulkStream stream) {
        link.sendBulk(stream);
    }

    /** {@code stream} ended: its number names nothing live any more. */
    void forget(StreamOnLink stream) {
        outgoing.remove(stream.id(), stream);
        incoming.remove(stream.id(), stream);
    }
}
