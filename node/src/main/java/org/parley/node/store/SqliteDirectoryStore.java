package org.parley.node.store;

import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.parley.federation.gossip.DirectoryStore;
import org.parley.federation.wire.SignedEntry;

/**
 * The directory of other nodes in the node's SQLite store, one row per origin and key, as signed.
 * Batches arrive from the federation once a second at most; each is one transaction.
 */
public final class SqliteDirectoryStore implements DirectoryStore {

    private final SqliteDatabase db;

    public SqliteDirectoryStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public Future<List<SignedEntry>> loadAll() {
        return db.run(connection -> {
            List<SignedEntry> entries = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT entry, signature FROM directory ORDER BY origin, version");
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    entries.add(new SignedEntry(row.getString(1), row.getString(2)));
                }
            }
            return entries;
        });
    }

    @Override
    public Future<Void> write(List<Write> batch) {
        return db.transaction(connection -> {
            try (PreparedStatement put = connection.prepareStatement(
                    "INSERT INTO directory (origin, key, version, entry, signature) VALUES (?, ?, ?, ?, ?)"
                            + " ON CONFLICT (origin, key) DO UPDATE SET version = excluded.version,"
                            + " entry = excluded.entry, signature = excluded.signature");
                 PreparedStatement remove = connection.prepareStatement(
                         "DELETE FROM directory WHERE origin = ? AND key = ?")) {
                for (Write write : batch) {
                    if (write instanceof Write.Put p) {
                        put.setString(1, p.origin());
                        put.setString(2, p.key());
                        put.setLong(3, p.version());
                        put.setString(4, p.signed().entry());
                        put.setString(5, p.signed().signature());
                        put.addBatch();
                    } else if (write instanceof Write.Remove r) {
                        remove.setString(1, r.origin());
                        remove.setString(2, r.key());
                        remove.addBatch();
                    }
                }
                put.executeBatch();
                remove.executeBatch();
            }
            return null;
        });
    }
}
