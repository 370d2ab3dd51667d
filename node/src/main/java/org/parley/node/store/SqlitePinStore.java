package org.parley.node.store;

import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.parley.federation.link.PinStore;

/**
 * Pinned node keys in the node's SQLite store.
 */
public final class SqlitePinStore implements PinStore {

    private final SqliteDatabase db;

    public SqlitePinStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public Future<Map<String, byte[]>> loadAll() {
        return db.run(connection -> {
            Map<String, byte[]> pins = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT node, key FROM peer_keys");
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    pins.put(row.getString(1), row.getBytes(2));
                }
            }
            return pins;
        });
    }

    @Override
    public Future<Void> save(String node, byte[] key) {
        return db.run(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO peer_keys (node, key, pinned_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, node);
                insert.setBytes(2, key);
                insert.setLong(3, System.currentTimeMillis());
                insert.executeUpdate();
            }
            return null;
        });
    }
}
