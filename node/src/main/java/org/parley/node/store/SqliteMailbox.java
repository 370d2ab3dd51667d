package org.parley.node.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Users' mailboxes in the node's SQLite store: every direct message for a user of this node waits
 * here until the user's client acknowledges it. Writes are group-committed like the outbox's: what
 * gathers while a transaction runs goes in the next one, and a message acknowledged before its batch
 * reached the disk is never written (its reader has it): a message handed to a reader that is online
 * waits up to {@link #ACK_GRACE_NANOS} for that ack before it is written. An instance is not thread-safe: each
 * mailbox shard has its own, on its context; they share the database and its one store thread.
 */
public final class SqliteMailbox {

    /** A waiting message, as it will be delivered. {@code seq} orders a user's mailbox. */
    public record Stored(long seq, String id, String sender, String recipient, long sentAt, byte[] body) {
    }

    /** A message gone from a mailbox: acknowledged by {@code user}'s client, or expired. */
    public record Removed(String user, String id, String sender, String recipient, long bytes) {
    }

    /** What the store held at start: the last sequence number used and how much waits for whom. */
    public record Contents(long lastSeq, Map<String, Waiting> counts, List<UserId> newest) {
    }

    private sealed interface Op permits Insert, Delete { }

    /** {@code holdUntil}: a message handed to a live reader waits for its ack until then (nanoTime), 0 if not. */
    private record Insert(String user, Stored message, Promise<Void> stored, long holdUntil) implements Op { }

    /** {@code cancelled}: ids whose insert never reached the disk; the rest are deleted from the table. */
    private record Delete(String user, List<String> ids, List<Removed> cancelled, Promise<List<Removed>> removed)
            implements Op { }

    /** How often messages within their ack grace are looked at. */
    private static final long GATHER_MILLIS = 2;
    /**
     * How long a message handed to a reader that is online may wait for that reader's ack before it
     * is written anyway: long enough for a client under load to answer, short enough that its
     * sender's "accepted" is not noticeably late.
     */
    private static final long ACK_GRACE_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(25);

    private final Vertx vertx;
    private final SqliteDatabase db;
    /** Writes for the next batch, in order. */
    private List<Op> due = new ArrayList<>();
    /** Messages a reader has, waiting for its ack until their grace ends, oldest first, by user and id. */
    private final java.util.LinkedHashMap<String, Insert> held = new java.util.LinkedHashMap<>();
    private boolean timerSet;
    private boolean committing;
    private boolean flushQueued;

    public SqliteMailbox(Vertx vertx, SqliteDatabase db) {
        this.vertx = vertx;
        this.db = db;
    }

    /** How many of the newest messages {@link #contents} names, oldest first: what a restart may see repeated. */
    public static final int NEWEST_REMEMBERED = 100_000;

    /** A message of a user, by its id. */
    public record UserId(String user, String id) {
    }

    /** What the table holds now, for all users. */
    public static Future<Contents> contents(SqliteDatabase db) {
        return db.run(connection -> {
            long last = 0;
            Map<String, Waiting> counts = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT MAX(seq) FROM mailbox");
                 ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    last = row.getLong(1);
                }
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT user, COUNT(*), SUM(LENGTH(body)) FROM mailbox GROUP BY user");
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    counts.put(row.getString(1), new Waiting(row.getInt(2), row.getLong(3)));
                }
            }
            List<UserId> newest = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT user, id FROM mailbox ORDER BY seq DESC LIMIT " + NEWEST_REMEMBERED);
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    newest.add(new UserId(row.getString(1), row.getString(2)));
                }
            }
            java.util.Collections.reverse(newest);
            return new Contents(last, counts, newest);
        });
    }

    /**
     * Stores a message for {@code user}; resolves once it is on disk, or once it was acknowledged
     * first. {@code handedToReader}: a session has it already, so its ack is worth waiting for briefly.
     */
    public Future<Void> insert(String user, Stored message, boolean handedToReader) {
        Promise<Void> stored = Promise.promise();
        Insert insert = new Insert(user, message, stored, handedToReader ? System.nanoTime() + ACK_GRACE_NANOS : 0);
        if (handedToReader) {
            Insert same = held.putIfAbsent(key(user, message.id()), insert);
            if (same != null) {
                same.stored().future().onComplete(stored); // a repeat: safe when the first is
            }
        } else {
            due.add(insert);
        }
        scheduleCommit();
        return stored.future();
    }

    /**
     * Removes acknowledged messages; resolves with those that were there (repeats are not). One
     * still in its grace is taken back before it is written: its insert resolves at once.
     */
    public Future<List<Removed>> remove(String user, List<String> ids) {
        Promise<List<Removed>> removed = Promise.promise();
        List<Removed> cancelled = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (String id : ids) {
            Insert insert = held.remove(key(user, id));
            if (insert == null) {
                written.add(id);
            } else {
                cancelled.add(new Removed(user, id, insert.message().sender(), insert.message().recipient(),
                        insert.message().body().length));
                insert.stored().complete();
            }
        }
        if (written.isEmpty()) {
            removed.complete(cancelled);
        } else {
            due.add(new Delete(user, written, cancelled, removed));
            scheduleCommit();
        }
        return removed.future();
    }

    private static String key(String user, String id) {
        return user + '\n' + id;
    }

    /** Up to {@code limit} of {@code user}'s messages after {@code afterSeq}, oldest first, counting every write made so far. */
    /** Part of a user's mailbox, oldest first; {@code more} if there is more after it. */
    public record Page(List<Stored> messages, boolean more) {
    }

    /**
     * Up to {@code limit} of a user's messages after {@code afterSeq}, stopping early once they hold
     * {@code maxBytes} of bodies (a mailbox of file chunks is not read into memory a thousand at a time).
     */
    public Future<Page> page(String user, long afterSeq, int limit, long maxBytes) {
        commitNow();
        return db.run(connection -> {
            List<Stored> page = new ArrayList<>();
            long bytes = 0;
            boolean more = false;
            try (PreparedStatement query = connection.prepareStatement("SELECT seq, id, sender, recipient, sent_at,"
                    + " body FROM mailbox WHERE user = ? AND seq > ? ORDER BY seq LIMIT ?")) {
                query.setString(1, user);
                query.setLong(2, afterSeq);
                query.setInt(3, limit);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        if (bytes >= maxBytes) {
                            more = true;
                            break;
                        }
                        Stored stored = new Stored(row.getLong(1), row.getString(2), row.getString(3),
                                row.getString(4), row.getLong(5), row.getBytes(6));
                        bytes += stored.body().length;
                        page.add(stored);
                    }
                }
            }
            return new Page(page, more || page.size() == limit);
        });
    }

    /**
     * Removes, for all users, what was stored before {@code storedBefore} (epoch ms) and has waited
     * too long. What no batch has written yet is younger than that.
     */
    public static Future<List<Removed>> expire(SqliteDatabase db, long storedBefore) {
        return db.run(connection -> {
            List<Removed> removed = new ArrayList<>();
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM mailbox WHERE stored_at < ? RETURNING user, id, sender, recipient, LENGTH(body)")) {
                delete.setLong(1, storedBefore);
                try (ResultSet row = delete.executeQuery()) {
                    while (row.next()) {
                        removed.add(new Removed(row.getString(1), row.getString(2), row.getString(3),
                                row.getString(4), row.getLong(5)));
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

    /**
     * Group commit: what is due is written as soon as no transaction is running (what arrives while
     * one runs goes in the next), so an idle mailbox adds no delay and a busy one one commit per batch.
     * Held messages are looked at every few milliseconds until their grace ends.
     */
    private void scheduleCommit() {
        if (!due.isEmpty() && !committing && !flushQueued) {
            flushQueued = true;
            vertx.getOrCreateContext().runOnContext(v -> {
                flushQueued = false;
                if (!committing) {
                    commitDue();
                }
            });
        }
        if (!held.isEmpty() && !timerSet) {
            timerSet = true;
            vertx.setTimer(GATHER_MILLIS, id -> {
                timerSet = false;
                if (!committing) {
                    commitDue();
                } else {
                    scheduleCommit();
                }
            });
        }
    }

    /** Commits what waits, except messages still within their ack grace. */
    private void commitDue() {
        commit(false);
    }

    /** Commits everything that waits: a read of the table must see every message accepted so far. */
    private void commitNow() {
        commit(true);
    }

    private void commit(boolean everything) {
        List<Op> batch = due;
        due = new ArrayList<>();
        long now = System.nanoTime();
        for (var each = held.values().iterator(); each.hasNext(); ) {
            Insert insert = each.next();
            if (!everything && insert.holdUntil() - now > 0) {
                break; // the rest are younger still
            }
            batch.add(insert);
            each.remove();
        }
        if (batch.isEmpty()) {
            scheduleCommit();
            return;
        }
        committing = true;
        db.transaction(connection -> write(connection, batch)).onComplete(done -> {
            committing = false;
            scheduleCommit();
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
                    } else {
                        List<Removed> removed = new ArrayList<>(delete.cancelled());
                        removed.addAll(done.result().getOrDefault(delete, List.of()));
                        delete.removed().complete(removed);
                    }
                }
            }
        });
    }

    private static Map<Delete, List<Removed>> write(Connection connection, List<Op> batch) throws Exception {
        Map<Delete, List<Removed>> removed = new java.util.IdentityHashMap<>();
        try (PreparedStatement insert = connection.prepareStatement("INSERT OR IGNORE INTO mailbox (seq, user, id,"
                + " sender, recipient, sent_at, stored_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM mailbox WHERE user = ? AND id = ? RETURNING sender, recipient, LENGTH(body)")) {
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
                                gone.add(new Removed(d.user(), id, row.getString(1), row.getString(2), row.getLong(3)));
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
