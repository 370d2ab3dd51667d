package org.parley.federation.bulk;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.parley.federation.wire.BulkData;
import org.parley.federation.wire.BulkSettle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bulk stream a linked peer opened to this node. This node granted it {@code window} bytes of
 * credit, and holds no more of it than that: a piece past the credit is a violation. Pieces join into
 * items, handed whole and in order to the upper layer; an item's bytes count as held until the upper
 * layer settles it, which gives them back to the peer as credit. Settle and reset may be called from
 * any thread; everything else runs on the link's context.
 */
final class IncomingBulkStream extends StreamOnLink implements BulkReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(IncomingBulkStream.class);

    private final byte[] header;
    private final long window;
    private volatile Consumer<BulkItem> items;
    /** Written on the link's context only, read from anywhere. */
    private volatile long buffered;
    private volatile long received;

    // The link's context only.
    private ItemAssembly assembling;
    private long nextSeq = 1;
    /** Items handed up and not yet settled: their bytes. */
    private final Map<Long, Integer> unsettled = new HashMap<>();
    private long lastSettled;

    IncomingBulkStream(LinkBulkStreams link, int id, BulkPurpose purpose, byte[] header, long window,
                       AtomicLong nodeHeld) {
        super(link, id, purpose, nodeHeld);
        this.header = header;
        this.window = window;
    }

    @Override
    public BulkPurpose purpose() {
        return purpose;
    }

    @Override
    public byte[] header() {
        return header.clone();
    }

    @Override
    public void handler(Consumer<BulkItem> items) {
        this.items = items;
    }

    @Override
    public void settle(Settled settled) {
        link.context().runOnContext(v -> settleHere(settled));
    }

    @Override
    public void reset(String why) {
        link.context().runOnContext(v -> resetHere(why));
    }

    @Override
    public long bufferedBytes() {
        return buffered;
    }

    @Override
    public long receivedBytes() {
        return received;
    }

    // ---- the link's context ----

    /** A piece of an item; a peer that breaks the rules with it is refused. */
    void onData(BulkData piece, byte[] bytes) throws BulkViolation {
        if (bytes.length > BulkStreams.MAX_FRAME_BYTES) {
            throw new BulkViolation("sent a piece of " + bytes.length + " bytes on stream " + id + " (at most "
                    + BulkStreams.MAX_FRAME_BYTES + ")");
        }
        if (buffered + bytes.length > window) {
            throw new BulkViolation("sent past its credit on stream " + id + ": " + bytes.length + " bytes more when "
                    + buffered + " of the " + window + " granted were held");
        }
        if (assembling == null) {
            if (piece.seq() != nextSeq) {
                throw new BulkViolation("sent item " + piece.seq() + " on stream " + id + " where item " + nextSeq
                        + " was due");
            }
            assembling = new ItemAssembly(piece);
        }
        boolean whole = assembling.add(piece, bytes);
        buffered += bytes.length;
        received += bytes.length;
        nodeHeld.addAndGet(bytes.length);
        if (whole) {
            BulkItem item = assembling.item();
            assembling = null;
            nextSeq++;
            unsettled.put(item.seq(), (int) item.bytes());
            handUp(item);
        }
    }

    private void handUp(BulkItem item) {
        Consumer<BulkItem> to = items;
        if (to == null) {
            resetHere("nothing on node " + link.self() + " reads this " + purpose.word() + " stream");
            return;
        }
        try {
            to.accept(item);
        } catch (RuntimeException e) {
            LOG.error("The handler of bulk stream {} from node {} failed on item {}; resetting the stream", id, peer(),
                    item.seq(), e);
            resetHere("node " + link.self() + " failed to take item " + item.seq());
        }
    }

    private void settleHere(Settled settled) {
        if (hasEnded()) {
            return;
        }
        Integer bytes = unsettled.remove(settled.seq());
        if (bytes == null) {
            LOG.warn("Item {} of bulk stream {} from node {} was settled again, or was never handed up; ignored",
                    settled.seq(), id, peer());
            return;
        }
        release(bytes);
        lastSettled = Math.max(lastSettled, settled.seq());
        link.send(new BulkSettle(id, settled.seq(), settled.how().word(),
                settled.refusal() == null ? null : settled.refusal().word()));
    }

    /** Lets go of what is held: the stream ended, and its credit with it. */
    @Override
    long letGo() {
        long held = buffered;
        release(held);
        assembling = null;
        unsettled.clear();
        return held;
    }

    @Override
    long lastSettled() {
        return lastSettled;
    }

    private void release(long bytes) {
        buffered -= bytes;
        nodeHeld.addAndGet(-bytes);
    }

    @Override
    public String toString() {
        return "bulk stream " + id + " (" + purpose.word() + ") from node " + peer();
    }
}
