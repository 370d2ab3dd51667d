package org.parley.node.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parley.federation.delivery.OutboxStore;
import org.parley.federation.wire.Envelope;
import org.parley.protocol.frame.WireJson;

/**
 * The federation outbox in the node's SQLite store, group-committed
 * ({@link GroupCommit.Pacing#EVERY_GATHER}): a burst of messages costs one commit, not one per
 * message. An envelope whose destination acknowledges it within {@link GroupCommit#ACK_GRACE_NANOS}
 * (a route that is up, a destination that stored it) is never written at all: the destination has
 * it, and its sender hears "accepted" at that acknowledgement. While the destination keeps
 * acknowledging (an ack within the last grace), envelopes past their grace are held on, up to
 * {@link #MAX_HOLD_NANOS}: under load the stream's round trip grows past the grace, and writing then
 * what is about to be acknowledged made a busy node busier (a quarter of a loaded node's samples).
 * A destination that stops acknowledging has its envelopes written one grace after its last ack.
 * Envelopes are held per destination in row order, so an acknowledgement takes back what it covers
 * at once. Called from the federation context only.
 */
public final class SqliteOutbox implements OutboxStore {

    private sealed interface Op extends GroupCommit.Write permits Insert, Delete { }

    private record Insert(long row, Envelope envelope, byte[] body, Promise<Void> stored, long holdUntil)
            implements Op, GroupCommit.Awaited { }

    /** Nobody waits for a deletion: rows a failed one left are sent again after a restart, and their destination drops repeats. */
    private record Delete(String destination, long upTo) implements Op {
        @Override
        public void committed() {
        }

        @Override
        public void failed(Throwable cause) {
        }
    }

    private final SqliteDatabase db;
    /** Per destination, envelopes within their grace, in row order (so also in age order). */
    private final Map<String, ArrayDeque<Insert>> held = new HashMap<>();
    /** Per destination, the highest row that reached a batch, and the highest row deleted since. */
    private final Map<String, Long> highestWritten = new HashMap<>();
    private final Map<String, Long> deletedUpTo = new HashMap<>();
    /** Per destination, when its last acknowledgement came (nanoTime). */
    private final Map<String, Long> lastAcknowledged = new HashMap<>();
    /** How long an envelope may wait at most while its destination keeps acknowledging others. */
    private static final long MAX_HOLD_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(500);
    private final GroupCommit<Op> commits;

    public SqliteOutbox(Vertx vertx, SqliteDatabase db) {
        this.db = db;
        this.commits = new GroupCommit<>(vertx, db, GroupCommit.Pacing.EVERY_GATHER, SqliteOutbox::write,
                new GroupCommit.Held<>() {
                    @Override
                    public boolean isEmpty() {
                        for (ArrayDeque<Insert> waiting : held.values()) {
                            if (!waiting.isEmpty()) {
                                return false;
                            }
                        }
                        return true;
                    }

                    @Override
                    public void release(List<Op> batch, long nowNanos, boolean everything) {
                        for (Map.Entry<String, ArrayDeque<Insert>> destination : held.entrySet()) {
                            ArrayDeque<Insert> waiting = destination.getValue();
                            long longer = acknowledging(destination.getKey(), nowNanos)
                                    ? MAX_HOLD_NANOS - GroupCommit.ACK_GRACE_NANOS : 0;
                            while (!waiting.isEmpty()
                                    && (everything || waiting.peekFirst().holdUntil() + longer - nowNanos <= 0)) {
                                Insert insert = waiting.pollFirst();
                                highestWritten.merge(insert.envelope().destination(), insert.row(), Math::max);
                                batch.add(insert);
                            }
                        }
                    }
                });
    }

    @Override
    public Future<List<Stored>> loadAll() {
        return db.run(connection -> {
            List<Stored> stored = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT row_id, header, body FROM outbox ORDER BY row_id");
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    stored.add(new Stored(row.getLong(1),
                            WireJson.mapper().readValue(row.getString(2), Envelope.class), row.getBytes(3)));
                }
            }
            return stored;
        }).onSuccess(stored -> stored.forEach(item ->
                highestWritten.merge(item.envelope().destination(), item.row(), Math::max)));
    }

    @Override
    public Future<Void> append(long row, Envelope envelope, byte[] body) {
        Promise<Void> stored = Promise.promise();
        held.computeIfAbsent(envelope.destination(), d -> new ArrayDeque<>())
                .add(new Insert(row, envelope, body, stored, GroupCommit.graceEnds()));
        commits.wake();
        return stored.future();
    }

    /** Whether {@code destination} acknowledged something within the last grace. */
    private boolean acknowledging(String destination, long nowNanos) {
        Long last = lastAcknowledged.get(destination);
        return last != null && nowNanos - last < GroupCommit.ACK_GRACE_NANOS;
    }

    @Override
    public void removeUpTo(String destination, long row) {
        lastAcknowledged.put(destination, System.nanoTime());
        ArrayDeque<Insert> waiting = held.get(destination);
        while (waiting != null && !waiting.isEmpty() && waiting.peekFirst().row() <= row) {
            waiting.pollFirst().stored().complete(); // acknowledged before it was written: no write needed
        }
        if (highestWritten.getOrDefault(destination, 0L) > deletedUpTo.getOrDefault(destination, 0L)) {
            deletedUpTo.merge(destination, row, Math::max);
            commits.add(new Delete(destination, row));
        }
    }

    private static void write(Connection connection, List<Op> batch) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO outbox (row_id, destination, header, body) VALUES (?, ?, ?, ?) ON CONFLICT (row_id)"
                        + " DO UPDATE SET destination = excluded.destination, header = excluded.header,"
                        + " body = excluded.body");
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM outbox WHERE destination = ? AND row_id <= ?")) {
            for (Op op : batch) {
                if (op instanceof Insert i) {
                    insert.setLong(1, i.row());
                    insert.setString(2, i.envelope().destination());
                    insert.setString(3, WireJson.mapper().writeValueAsString(i.envelope()));
                    insert.setBytes(4, i.body());
                    insert.executeUpdate();
                } else if (op instanceof Delete d) {
                    delete.setString(1, d.destination());
                    delete.setLong(2, d.upTo());
                    delete.executeUpdate();
                }
            }
        }
    }
}
