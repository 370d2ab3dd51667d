package org.parley.federation.bulk;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.parley.federation.link.BulkSource;
import org.parley.federation.wire.BulkClose;
import org.parley.federation.wire.BulkData;
import org.parley.federation.wire.BulkSettle;
import org.parley.federation.wire.PeerWire;
import org.parley.federation.wire.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bulk stream this node opened: items wait here, as the caller queued them, until the receiver's
 * credit lets their pieces go; the link's writer then takes one piece at a time, in turn with the
 * link's other streams. The caller's arrays are kept until sent, never copied whole. Callers may
 * send, close and reset from any thread; everything else runs on the link's context.
 */
final class OutgoingBulkStream extends StreamOnLink implements BulkSender, BulkSource {

    private static final Logger LOG = LoggerFactory.getLogger(OutgoingBulkStream.class);
    /** More than any window: a peer granting past it is not keeping count. */
    private static final long MAX_CREDIT = Integer.MAX_VALUE;

    private record Item(long seq, byte[] header, byte[] body) {
        int size() {
            return header.length + body.length;
        }
    }

    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong sentBytes = new AtomicLong();
    private volatile Consumer<Settled> settledHandler;

    /** Guarded by {@code this}: items in the order of their numbers, and whether more may come. */
    private final ArrayDeque<Item> queued = new ArrayDeque<>();
    private long lastSeq;
    private boolean accepting = true;

    // The link's context only.
    private boolean granted;
    private long credit;
    private Item current;
    private int currentOffset;
    /** Items sent whole and not yet settled: their bytes, which come back as credit. */
    private final Map<Long, Integer> unsettled = new HashMap<>();
    private long lastSettled;
    private boolean closeRequested;

    OutgoingBulkStream(LinkBulkStreams link, int id, BulkPurpose purpose, AtomicLong nodeHeld) {
        super(link, id, purpose, nodeHeld);
    }

    @Override
    public long send(byte[] header, byte[] body) {
        if (header.length > BulkStreams.MAX_HEADER_BYTES || body.length > BulkStreams.MAX_ITEM_BYTES) {
            throw new IllegalArgumentException("a bulk item's header is at most " + BulkStreams.MAX_HEADER_BYTES
                    + " bytes and its body at most " + BulkStreams.MAX_ITEM_BYTES + ": " + header.length + ", "
                    + body.length);
        }
        long seq;
        synchronized (this) {
            if (!accepting) {
                return -1;
            }
            seq = ++lastSeq;
            Item item = new Item(seq, header, body);
            queuedBytes.addAndGet(item.size());
            nodeHeld.addAndGet(item.size());
            queued.add(item);
        }
        link.context().runOnContext(v -> wake());
        return seq;
    }

    @Override
    public long queuedBytes() {
        return queuedBytes.get();
    }

    @Override
    public long sentBytes() {
        return sentBytes.get();
    }

    @Override
    public void settled(Consumer<Settled> handler) {
        this.settledHandler = handler;
    }

    @Override
    public void close() {
        stopAccepting();
        link.context().runOnContext(v -> {
            closeRequested = true;
            closeIfDone();
        });
    }

    @Override
    public void reset(String why) {
        stopAccepting();
        link.context().runOnContext(v -> resetHere(why));
    }

    private synchronized void stopAccepting() {
        accepting = false;
    }

    // ---- the link's context ----

    @Override
    public boolean ready() {
        return granted && !hasEnded() && credit >= nextPieceBytes();
    }

    /** The size of the next piece to send; more than any credit when nothing waits. */
    private long nextPieceBytes() {
        Item item = current;
        int offset = currentOffset;
        if (item == null) {
            synchronized (this) {
                item = queued.peek();
            }
            offset = 0;
        }
        return item == null ? Long.MAX_VALUE : Math.min(item.size() - offset, BulkStreams.MAX_FRAME_BYTES);
    }

    @Override
    public byte[] nextFrame() {
        if (!ready()) {
            return null;
        }
        if (current == null) {
            synchronized (this) {
                current = queued.poll();
            }
            currentOffset = 0;
        }
        Item item = current;
        int length = (int) nextPieceBytes();
        boolean last = currentOffset + length == item.size();
        Piece piece = piece(item, currentOffset, length);
        byte[] frame = PeerWire.encoder().encode(new BulkData(id, item.seq(), item.header().length, currentOffset, last),
                piece.array(), piece.from(), piece.length());
        credit -= length;
        currentOffset += length;
        queuedBytes.addAndGet(-length);
        nodeHeld.addAndGet(-length);
        sentBytes.addAndGet(length);
        link.totals().sent(length);
        if (last) {
            unsettled.put(item.seq(), item.size());
            current = null;
        }
        return frame;
    }

    /** Where a piece's bytes are: {@code length} bytes of {@code array} from {@code from}. */
    private record Piece(byte[] array, int from, int length) {
    }

    /**
     * The piece of {@code length} bytes at {@code offset} of the item's bytes (its header, then its
     * body): in the header or the body as they are, or, for the one piece that spans both, a copy.
     */
    private static Piece piece(Item item, int offset, int length) {
        int headerLength = item.header().length;
        if (offset >= headerLength) {
            return new Piece(item.body(), offset - headerLength, length);
        }
        if (offset + length <= headerLength) {
            return new Piece(item.header(), offset, length);
        }
        byte[] spanning = new byte[length];
        int fromHeader = headerLength - offset;
        System.arraycopy(item.header(), offset, spanning, 0, fromHeader);
        System.arraycopy(item.body(), 0, spanning, fromHeader, length - fromHeader);
        return new Piece(spanning, 0, length);
    }

    /** The receiver granted credit: the first grant accepts the stream. */
    void onCredit(long bytes) throws BulkViolation {
        if (bytes <= 0 || credit + bytes > MAX_CREDIT) {
            throw new BulkViolation("granted " + bytes + " bytes of credit on stream " + id + ", which holds " + credit);
        }
        granted = true;
        credit += bytes;
        wake();
    }

    /** The receiver settled an item, which gives its bytes back. */
    void onSettle(BulkSettle settle) throws BulkViolation {
        Settlement how = Settlement.of(settle.how());
        if (how == null) {
            throw new BulkViolation("settled item " + settle.seq() + " of stream " + id + " as '" + settle.how()
                    + "', which is no settlement");
        }
        Integer bytes = unsettled.remove(settle.seq());
        if (bytes == null) {
            throw new BulkViolation("settled item " + settle.seq() + " of stream " + id
                    + ", which it was not sent whole or had settled already");
        }
        credit += bytes;
        lastSettled = Math.max(lastSettled, settle.seq());
        Settled settled = how == Settlement.REFUSED ? Settled.refused(settle.seq(), Refusal.of(settle.refusal()))
                : Settled.as(settle.seq(), how);
        Consumer<Settled> handler = settledHandler;
        if (handler != null) {
            try {
                handler.accept(settled);
            } catch (RuntimeException e) {
                LOG.error("The settled handler of bulk stream {} to node {} failed on {}", id, peer(), settled, e);
            }
        }
        wake();
        closeIfDone();
    }

    /** Tells the link's writer when this stream may send. */
    void wake() {
        if (ready()) {
            link.schedule(this);
        }
    }

    private void closeIfDone() {
        boolean drained;
        synchronized (this) {
            drained = queued.isEmpty();
        }
        if (closeRequested && !hasEnded() && drained && current == null && unsettled.isEmpty()) {
            link.send(new BulkClose(id));
            ended(BulkEnd.Cause.CLOSED, "closed by node " + link.self() + " after its last item");
        }
    }

    /** Drops what waits here: the stream ended. */
    @Override
    long letGo() {
        long dropped = current == null ? 0 : current.size() - currentOffset;
        current = null;
        synchronized (this) {
            accepting = false;
            for (Item item : queued) {
                dropped += item.size();
            }
            queued.clear();
        }
        queuedBytes.addAndGet(-dropped);
        nodeHeld.addAndGet(-dropped);
        unsettled.clear();
        return dropped;
    }

    @Override
    long lastSettled() {
        return lastSettled;
    }

    @Override
    public String toString() {
        return "bulk stream " + id + " (" + purpose.word() + ") to node " + peer();
    }
}
