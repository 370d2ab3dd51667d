package org.parley.node.group;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.node.store.SqliteDatabase;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.identity.GroupAddress;

/**
 * Groups this node is home to, and the groups of other nodes its users belong to, in the node's
 * SQLite store. Member lists are kept as JSON arrays: a group is read and written whole.
 */
public final class SqliteGroupStore {

    private static final TypeReference<List<String>> NAMES = new TypeReference<>() { };

    private final SqliteDatabase db;
    private final String nodeName;
    private final ObjectMapper json = WireJson.mapper();

    public SqliteGroupStore(SqliteDatabase db, String nodeName) {
        this.db = db;
        this.nodeName = nodeName;
    }

    public Future<List<GroupState>> loadGroups() {
        return db.run(connection -> {
            List<GroupState> groups = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT name, owner, open, epoch, members, invited FROM groups");
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    groups.add(new GroupState(new GroupAddress(row.getString(1), nodeName), row.getString(2),
                            row.getInt(3) != 0, row.getLong(4), json.readValue(row.getString(5), NAMES),
                            new HashSet<>(json.readValue(row.getString(6), NAMES))));
                }
            }
            return groups;
        });
    }

    public Future<Void> save(GroupState group) {
        return db.run(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT OR REPLACE INTO groups (name, owner, open, epoch, members, invited) VALUES (?, ?, ?, ?, ?, ?)")) {
                upsert.setString(1, group.address().name());
                upsert.setString(2, group.owner());
                upsert.setInt(3, group.open() ? 1 : 0);
                upsert.setLong(4, group.epoch());
                upsert.setString(5, json.writeValueAsString(group.members()));
                upsert.setString(6, json.writeValueAsString(List.copyOf(group.invited())));
                upsert.executeUpdate();
            }
            return null;
        });
    }

    /** The group's last member left: it is gone, and its name free again. */
    public Future<Void> delete(String name) {
        return db.run(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM groups WHERE name = ?")) {
                delete.setString(1, name);
                delete.executeUpdate();
            }
            return null;
        });
    }

    /** Groups of other nodes, by local user name. */
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

    public Future<Void> setMembership(String user, String group, boolean member) {
        return db.run(connection -> {
            try (PreparedStatement change = connection.prepareStatement(member
                    ? "INSERT OR IGNORE INTO memberships (user, grp) VALUES (?, ?)"
                    : "DELETE FROM memberships WHERE user = ? AND grp = ?")) {
                change.setString(1, user);
                change.setString(2, group);
                change.executeUpdate();
            }
            return null;
        });
    }
}
