package org.parley.node.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parley.node.mailbox.MailboxStore;
import org.parley.node.mailbox.Waiting;

/**
 * Users' mailboxes in the node's SQLite store (table {@code mailbox}, one row per waiting message
 * and user). Each shard writes through its own {@link SqliteMailboxShard}.
 */
public final class SqliteMailboxStore implements MailboxStore {

    private final Vertx vertx;
    private final SqliteDatabase db;

    public SqliteMailboxStore(Vertx vertx, SqliteDatabase db) {
        this.vertx = vertx;
        this.db = db;
    }

    @Override
    public Future<Contents> contents() {
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
            Collections.reverse(newest);
            return new Contents(last, counts, newest);
        });
    }

    @Override
    public Future<List<Removed>> expire(long storedBefore) {
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

    @Override
    public Shard shard() {
        return new SqliteMailboxShard(vertx, db);
    }
}
