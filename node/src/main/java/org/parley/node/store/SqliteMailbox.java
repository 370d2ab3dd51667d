package org.parley.node.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Users' mailboxes in the node's SQLite store: every direct message for a user of this node waits
 * here until the user's client acknowledges it. Writes are group-committed like the outbox's: what
 * gathers while a transaction runs goes in the next one, and a message acknowledged before its batch
 * reached the disk is never written (its reader has it). Not thread-safe: call from one context.
 */
public final class SqliteMailbox {

    /** A waiting message, as it will be delivered. {@code seq} orders a user's mailbox. */
    public record Stored(long seq, String id, String sender, String recipient, long sentAt, byte[] body) {
    }

    /** A message gone from a mailbox: acknowledged by {@code user}'s client, or expired. */
    public record Removed(String user, String id, String sender, String recipient) {
    }

    /** What the store held at start: the last sequence number used and how much waits for whom. */
    public record Contents(long lastSeq, Map<String, Integer> counts) {
    }

    private sealed interface Op permits Insert, Delete { }

    private record Insert(String user, Stored message, Promise<Void> stored) implements Op { }

    private record Delete(String user, List<String> ids, Promise<List<Removed>> removed) implements Op { }

    /** Long enough for an online reader's acknowledgement to arrive and cancel the write. */
    private static final long GATHER_MILLIS = 2;

    private final Vertx vertx;
    private final SqliteDatabase db;
    private List<Op> pending = new ArrayList<>();
    private boolean timerSet;

    public SqliteMailbox(Vertx vertx, SqliteDatabase db) {
        this.vertx = vertx;
        this.db = db;
    }

    public Future<Contents> contents() {
        return db.run(connection -> {
            long last = 0;
            Map<String, Integer> counts = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT MAX(seq) FROM mailbox");
                 ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    last = row.getLong(1);
                }
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT user, COUNT(*) FROM mailbox GROUP BY user");
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    counts.put(row.getString(1), row.getInt(2));
                }
            }
            return new Contents(last, counts);
        });
    }

    /** Stores a message for {@code user}; resolves once it is on disk, or once it was acknowledged first. */
    public Future<Void> insert(String user, Stored message) {
        Promise<Void> stored = Promise.promise();
        enqueue(new Insert(user, message, stored));
        return stored.future();
    }

    /** Removes acknowledged messages; resolves with those that were there (repeats are not). */
    public Future<List<Removed>> remove(String user, List<String> ids) {
        Promise<List<Removed>> removed = Promise.promise();
        enqueue(new Delete(user, ids, removed));
        return removed.future();
    }

    /** Up to {@code limit} of {@code user}'s messages after {@code afterSeq}, oldest first, counting every write made so far. */
    public Future<List<Stored>> page(String user, long afterSeq, int limit) {
        commitNow();
        return db.run(connection -> {
            List<Stored> page = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT seq, id, sender, recipient, sent_at,"
                    + " body FROM mailbox WHERE user = ? AND seq > ? ORDER BY seq LIMIT ?")) {
                query.setString(1, user);
                query.setLong(2, afterSeq);
                query.setInt(3, limit);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        page.add(new Stored(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                                row.getLong(5), row.getBytes(6)));
                    }
                }
            }
            return page;
        });
    }

    /** Removes what was stored before {@code storedBefore} (epoch ms) and has waited too long. */
    public Future<List<Removed>> expire(long storedBefore) {
        commitNow();
        return db.run(connection -> {
            List<Removed> removed = new ArrayList<>();
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM mailbox WHERE stored_at < ? RETURNING user, id, sender, recipient")) {
                delete.setLong(1, storedBefore);
                try (ResultSet row = delete.executeQuery()) {
                    while (row.next()) {
                        removed.add(new Removed(row.getString(1), row.getString(2), row.getString(3),
                                row.getString(4)));
                    }
                }
            }
            return removed;
        });
    }

    /** Empties {@code user}'s mailbox (the account is gone). */
    public Future<Void> clear(String user) {
        commitNow();
        return db.run(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM mailbox WHERE user = ?")) {
                delete.setString(1, user);
                delete.executeUpdate();
            }
            return null;
        });
    }

    private void enqueue(Op op) {
        pending.add(op);
        if (!timerSet) {
            timerSet = true;
            vertx.setTimer(GATHER_MILLIS, id -> {
                timerSet = false;
                commitNow();
            });
        }
    }

    private void commitNow() {
        if (pending.isEmpty()) {
            return;
        }
        List<Op> batch = pending;
        pending = new ArrayList<>();
        List<Removed> cancelled = cancelAcknowledged(batch);
        db.transaction(connection -> write(connection, batch)).onComplete(done -> {
            for (Op op : batch) {
                if (op instanceof Insert insert) {
                    if (done.succeeded()) {
                        insert.stored().complete();
                    } else {
                        insert.stored().fail(done.cause());
                    }
                } else if (op instanceof Delete delete) {
                    if (done.failed()) {
                        delete.removed().fail(done.cause());
                    }
                }
            }
            if (done.succeeded()) {
                Map<Delete, List<Removed>> byDelete = done.result();
                for (Op op : batch) {
                    if (op instanceof Delete delete) {
                        List<Removed> removed = new ArrayList<>(byDelete.getOrDefault(delete, List.of()));
                        cancelled.stream().filter(r -> r.user().equals(delete.user()) && delete.ids().contains(r.id()))
                                .forEach(removed::add);
                        delete.removed().complete(removed);
                    }
                }
            }
        });
    }

    /**
     * Takes out of {@code batch} every insert that a later delete of the same batch acknowledges:
     * its reader has the message, so it need not touch the disk. Their inserts resolve at once.
     */
    private static List<Removed> cancelAcknowledged(List<Op> batch) {
        Set<String> acknowledged = new HashSet<>();
        for (Op op : batch) {
            if (op instanceof Delete delete) {
                for (String id : delete.ids()) {
                    acknowledged.add(delete.user() + '\n' + id);
                }
            }
        }
        if (acknowledged.isEmpty()) {
            return List.of();
        }
        List<Removed> cancelled = new ArrayList<>();
        Set<String> seenOnce = new HashSet<>();
        batch.removeIf(op -> {
            if (op instanceof Insert insert && acknowledged.contains(insert.user() + '\n' + insert.message().id())) {
                if (seenOnce.add(insert.user() + '\n' + insert.message().id())) {
                    cancelled.add(new Removed(insert.user(), insert.message().id(), insert.message().sender(),
                            insert.message().recipient()));
                }
                insert.stored().complete();
                return true;
            }
            return false;
        });
        return cancelled;
    }

    private static Map<Delete, List<Removed>> write(Connection connection, List<Op> batch) throws Exception {
        Map<Delete, List<Removed>> removed = new HashMap<>();
        try (PreparedStatement insert = connection.prepareStatement("INSERT OR IGNORE INTO mailbox (seq, user, id,"
                + " sender, recipient, sent_at, stored_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM mailbox WHERE user = ? AND id = ? RETURNING sender, recipient")) {
            long now = System.currentTimeMillis();
            for (Op op : batch) {
                if (op instanceof Insert i) {
                    Stored m = i.message();
                    insert.setLong(1, m.seq());
                    insert.setString(2, i.user());
                    insert.setString(3, m.id());
                    insert.setString(4, m.sender());
                    insert.setString(5, m.recipient());
                    insert.setLong(6, m.sentAt());
                    insert.setLong(7, now);
                    insert.setBytes(8, m.body());
                    insert.executeUpdate();
                } else if (op instanceof Delete d) {
                    List<Removed> gone = new ArrayList<>();
                    for (String id : d.ids()) {
                        delete.setString(1, d.user());
                        delete.setString(2, id);
                        try (ResultSet row = delete.executeQuery()) {
                            if (row.next()) {
                                gone.add(new Removed(d.user(), id, row.getString(1), row.getString(2)));
                            }
                        }
                    }
                    removed.put(d, gone);
                }
            }
            return removed;
        }
    }
}
