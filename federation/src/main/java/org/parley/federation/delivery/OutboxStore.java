package org.parley.federation.delivery;

import io.vertx.core.Future;
import java.util.List;
import org.parley.federation.wire.Envelope;

/**
 * Where envelopes wait, durably, until their destination acknowledges them. Implementations batch
 * writes (group commit) and do their I/O off the event loop.
 */
public interface OutboxStore {

    /** An envelope that was waiting when the node stopped. */
    record Stored(long row, Envelope envelope, byte[] body) {
    }

    /** Everything waiting, oldest first. */
    Future<List<Stored>> loadAll();

    /** Stores an envelope under {@code row} (rows grow in sending order); resolves once it is on disk. */
    Future<Void> append(long row, Envelope envelope, byte[] body);

    /**
     * Forgets every envelope for {@code destination} up to {@code row}: its destination acknowledged
     * them (rows of one destination are acknowledged in row order).
     */
    void removeUpTo(String destination, long row);
}
