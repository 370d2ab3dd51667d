package org.parley.node.store;

import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.parley.node.group.MembershipStore;

/**
 * Which groups of other nodes this node's users belong to, in the node's SQLite store (table
 * {@code memberships}, one row per user and group).
 */
public final class SqliteMembershipStore implements MembershipStore {

    private final SqliteDatabase db;

    public SqliteMembershipStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public Future<Map<String, Set<String>>> loadMemberships() {
        return db.run(connection -> {
            Map<String, Set<String>> memberships = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT user, grp FROM memberships");
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    memberships.computeIfAbsent(row.getString(1), u -> new HashSet<>()).add(row.getString(2));
                }
            }
            return memberships;
        });
    }

    @Override
    public Future<Void> add(String user, String group) {
        return change("INSERT INTO memberships (user, grp) VALUES (?, ?) ON CONFLICT DO NOTHING", user, group);
    }

    @Override
    public Future<Void> remove(String user, String group) {
        return change("DELETE FROM memberships WHERE user = ? AND grp = ?", user, group);
    }

    private Future<Void> change(String sql, String user, String group) {
        return db.run(connection -> {
            try (PreparedStatement change = connection.prepareStatement(sql)) {
                change.setString(1, user);
                change.setString(2, group);
                change.executeUpdate();
            }
            return null;
        });
    }
}
