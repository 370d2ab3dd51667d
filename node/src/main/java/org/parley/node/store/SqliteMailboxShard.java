package org.parley.node.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.parley.node.mailbox.MailboxStore;
import org.parley.node.mailbox.MailboxStore.Page;
import org.parley.node.mailbox.MailboxStore.Removed;
import org.parley.node.mailbox.MailboxStore.Stored;

/**
 * One mailbox shard's writes and reads in the node's SQLite store, group-committed
 * ({@link GroupCommit.Pacing#WHEN_IDLE}): what gathers while a transaction runs goes in the next
 * one. A message acknowledged before its batch reached the disk is never written (its reader has
 * it): one handed to a reader that is online is held, by user and id, for up to
 * {@link GroupCommit#ACK_GRACE_NANOS} so that the acknowledgement takes it back without scanning
 * batches. Not thread-safe: each shard has its own, on its context; they share the database and its
 * one store thread.
 */
final class SqliteMailboxShard implements MailboxStore.Shard {

    private sealed interface Op extends GroupCommit.Write permits Insert, Delete { }

    /** {@code holdUntil}: a message handed to a live reader waits for its ack until then (nanoTime), 0 if not. */
    private record Insert(String user, Stored message, Promise<Void> stored, long holdUntil)
            implements Op, GroupCommit.Awaited { }

    /**
     * {@code cancelled}: messages whose insert never reached the disk; the rest of {@code ids} are
     * deleted from the table, and those that were there are added to {@code gone} as the batch is written.
     */
    private record Delete(String user, List<String> ids, List<Removed> cancelled, List<Removed> gone,
                          Promise<List<Removed>> removed) implements Op {
        @Override
        public void committed() {
            List<Removed> all = new ArrayList<>(cancelled);
            all.addAll(gone);
            removed.complete(all);
        }

        @Override
        public void failed(Throwable cause) {
            removed.fail(cause);
        }
    }

    private final SqliteDatabase db;
    /** Messages a reader has, waiting for its ack until their grace ends, oldest first, by user and id. */
    private final LinkedHashMap<String, Insert> held = new LinkedHashMap<>();
    private final GroupCommit<Op> commits;

    SqliteMailboxShard(Vertx vertx, SqliteDatabase db) {
        this.db = db;
        this.commits = new GroupCommit<>(vertx, db, GroupCommit.Pacing.WHEN_IDLE, SqliteMailboxShard::write,
                new GroupCommit.Held<>() {
                    @Override
                    public boolean isEmpty() {
                        return held.isEmpty();
                    }

                    @Override
                    public void release(List<Op> batch, long nowNanos, boolean everything) {
                        for (var each = held.values().iterator(); each.hasNext(); ) {
                            Insert insert = each.next();
                            if (!everything && insert.holdUntil() - nowNanos > 0) {
                                break; // the rest are younger still
                            }
                            batch.add(insert);
                            each.remove();
                        }
                    }
                });
    }

    @Override
    public Future<Void> insert(String user, Stored message, boolean handedToReader) {
        Promise<Void> stored = Promise.promise();
        Insert insert = new Insert(user, message, stored, handedToReader ? GroupCommit.graceEnds() : 0);
        if (handedToReader) {
            Insert same = held.putIfAbsent(key(user, message.id()), insert);
            if (same != null) {
                same.stored().future().onComplete(stored); // a repeat: safe when the first is
            }
            commits.wake();
        } else {
            commits.add(insert);
        }
        return stored.future();
    }

    /** One still in its grace is taken back before it is written: its insert resolves at once. */
    @Override
    public Future<List<Removed>> remove(String user, List<String> ids) {
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
            return Future.succeededFuture(cancelled);
        }
        Promise<List<Removed>> removed = Promise.promise();
        commits.add(new Delete(user, written, cancelled, new ArrayList<>(), removed));
        return removed.future();
    }

    private static String key(String user, String id) {
        return user + '\n' + id;
    }

    @Override
    public Future<Page> page(String user, long afterSeq, int limit, long maxBytes) {
        commits.flush();
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

    @Override
    public Future<Void> clear(String user) {
        commits.flush();
        return db.run(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM mailbox WHERE user = ?")) {
                delete.setString(1, user);
                delete.executeUpdate();
            }
            return null;
        });
    }

    private static void write(Connection connection, List<Op> batch) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO mailbox (seq, user, id, sender,"
                + " recipient, sent_at, stored_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
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
                    for (String id : d.ids()) {
                        delete.setString(1, d.user());
                        delete.setString(2, id);
                        try (ResultSet row = delete.executeQuery()) {
                            if (row.next()) {
                                d.gone().add(new Removed(d.user(), id, row.getString(1), row.getString(2),
                                        row.getLong(3)));
                            }
                        }
                    }
                }
            }
        }
    }
}
