package org.parley.federation.delivery;

import org.parley.federation.wire.EnvelopeKind;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.ReceiptNote;

/**
 * Gathers the receipts bound for each node during one turn of the federation context into one
 * {@code receipts} envelope per node (at most {@link #MAX_PER_ENVELOPE} notes each): a recipient's
 * node makes one receipt per message it delivers, and one envelope apiece would double the traffic
 * between nodes. Receipts are news, not messages: they travel the reliable stream but are not
 * written to the outbox. Call on the federation context.
 */
public final class ReceiptBatches {

    static final int MAX_PER_ENVELOPE = 1000;

    private final Context context;
    private final String self;
    private final long incarnation;
    private final StreamManager streams;
    private final Map<String, List<ReceiptNote>> waiting = new HashMap<>();
    private long counter;
    private boolean flushScheduled;

    public ReceiptBatches(Context context, String self, long incarnation, StreamManager streams) {
        this.context = context;
        this.self = self;
        this.incarnation = incarnation;
        this.streams = streams;
    }

    /** Queues {@code note} for the node of its sender, {@code destination}; it leaves at the end of this turn. */
    public void add(String destination, ReceiptNote note) {
        waiting.computeIfAbsent(destination, d -> new ArrayList<>()).add(note);
        if (!flushScheduled) {
            flushScheduled = true;
            context.runOnContext(v -> flush());
        }
    }

    private void flush() {
        flushScheduled = false;
        waiting.forEach((destination, notes) -> {
            for (int from = 0; from < notes.size(); from += MAX_PER_ENVELOPE) {
                List<ReceiptNote> batch = notes.subList(from, Math.min(notes.size(), from + MAX_PER_ENVELOPE));
                Envelope envelope = new Envelope(self, destination, 0, 0, 0, 0, EnvelopeKind.RECEIPTS,
                        "receipts:" + incarnation + ":" + ++counter, null, null, System.currentTimeMillis(), null);
                streams.send(envelope, ReceiptNote.encodeAll(batch), false, false, Promise.promise());
            }
        });
        waiting.clear();
    }
}
