package org.parley.federation.delivery;

import io.vertx.core.Future;
import java.util.List;
import java.util.TreeMap;
import org.parley.federation.wire.Envelope;

/** An outbox kept in memory, which outlives the stream manager that wrote it, as a node's store does. */
final class MemoryOutbox implements OutboxStore {

    private final TreeMap<Long, Stored> rows = new TreeMap<>();

    @Override
    public synchronized Future<List<Stored>> loadAll() {
        return Future.succeededFuture(List.copyOf(rows.values()));
    }

    @Override
    public synchronized Future<Void> append(long row, Envelope envelope, byte[] body) {
        rows.put(row, new Stored(row, envelope, body));
        return Future.succeededFuture();
    }

    @Override
    public synchronized void removeUpTo(String destination, long row) {
        rows.headMap(row, true).values().removeIf(stored -> stored.envelope().destination().equals(destination));
    }

    /** The ids of what waits, oldest first. */
    synchronized List<String> ids() {
        return rows.values().stream().map(stored -> stored.envelope().id()).toList();
    }
}
