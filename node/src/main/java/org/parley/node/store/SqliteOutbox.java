package org.parley.node.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.parley.federation.delivery.OutboxStore;
import org.parley.federation.wire.Envelope;
import org.parley.protocol.frame.WireJson;

/**
 * The federation outbox in the node's SQLite store, with group commit: appends and removals queue
 * up while a transaction runs, and the next transaction takes all of them at once, so a burst of
 * messages costs one commit, not one per message; an envelope acknowledged while it waited is
 * never written at all. Called from the federation context.
 */
public final class SqliteOutbox implements OutboxStore {

    private sealed interface Op permits Insert, Delete { }

    private record Insert(long row, Envelope envelope, byte[] body, Promise<Void> stored) implements Op { }

    private record Delete(String destination, long upTo) implements Op { }

    /**
     * How long a batch gathers before its commit starts. Most envelopes are acknowledged within a
     * millisecond or two on a live route; waiting that long lets their inserts and deletes cancel out.
     */
    private static final long GATHER_MILLIS = 2;

    private final Vertx vertx;
    private final SqliteDatabase db;
    private final ConcurrentLinkedQueue<Op> pending = new ConcurrentLinkedQueue<>();
    private boolean committing;

    public SqliteOutbox(Vertx vertx, SqliteDatabase db) {
        this.vertx = vertx;
        this.db = db;
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
        });
    }

    @Override
    public Future<Void> append(long row, Envelope envelope, byte[] body) {
        Promise<Void> stored = Promise.promise();
        pending.add(new Insert(row, envelope, body, stored));
        commitSoon();
        return stored.future();
    }

    @Override
    public void removeUpTo(String destination, long row) {
        pending.add(new Delete(destination, row));
        commitSoon();
    }

    private void commitSoon() {
        if (committing) {
            return;
        }
        committing = true;
        vertx.setTimer(GATHER_MILLIS, id -> commitBatch());
    }

    private void commitBatch() {
        List<Op> batch = new ArrayList<>(pending.size());
        Op op;
        while ((op = pending.poll()) != null) {
            batch.add(op);
        }
        // An envelope its destination acknowledged before it reached the disk needs no disk: the
        // destination has it. Its insert and delete cancel out, and its sender may hear "accepted".
        java.util.Map<String, Long> acknowledged = new java.util.HashMap<>();
        for (Op each : batch) {
            if (each instanceof Delete d) {
                acknowledged.merge(d.destination(), d.upTo(), Math::max);
            }
        }
        batch.removeIf(each -> {
            if (each instanceof Insert i && i.row() <= acknowledged.getOrDefault(i.envelope().destination(), 0L)) {
                i.stored().complete();
                return true;
            }
            return false;
        });
        db.transaction(connection -> write(connection, batch)).onComplete(done -> {
            committing = false;
            for (Op each : batch) {
                if (each instanceof Insert insert) {
                    if (done.succeeded()) {
                        insert.stored().complete();
                    } else {
                        insert.stored().fail(done.cause());
                    }
                }
            }
            if (!pending.isEmpty()) {
                commitSoon();
            }
        });
    }

    private static Void write(Connection connection, List<Op> batch) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT OR REPLACE INTO outbox (row_id, destination, header, body) VALUES (?, ?, ?, ?)");
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
            return null;
        }
    }
}
