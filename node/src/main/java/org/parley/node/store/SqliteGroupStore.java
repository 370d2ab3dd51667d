package org.parley.node.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.parley.node.group.GroupState;
import org.parley.node.group.GroupStore;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.identity.GroupAddress;

/**
 * Groups this node is home to, in the node's SQLite store (table {@code groups}). Member lists are
 * kept as JSON arrays: a group is read and written whole.
 */
public final class SqliteGroupStore implements GroupStore {

    private static final TypeReference<List<String>> NAMES = new TypeReference<>() { };

    private final SqliteDatabase db;
    private final String nodeName;
    private final ObjectMapper json = WireJson.mapper();

    public SqliteGroupStore(SqliteDatabase db, String nodeName) {
        this.db = db;
        this.nodeName = nodeName;
    }

    @Override
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

    @Override
    public Future<Void> save(GroupState group) {
        return db.run(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO groups (name, owner, open, epoch, members, invited) VALUES (?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, open = excluded.open,"
                            + " epoch = excluded.epoch, members = excluded.members, invited = excluded.invited")) {
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

    @Override
    public Future<Void> delete(String name) {
        return db.run(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM groups WHERE name = ?")) {
                delete.setString(1, name);
                delete.executeUpdate();
            }
            return null;
        });
    }
}
