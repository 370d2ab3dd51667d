package org.parley.node.store;

import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.node.registration.Invite;
import org.parley.node.registration.RegistrationMode;
import org.parley.node.registration.RegistrationStore;

/** Registration mode, invite codes and locked accounts in the node's SQLite store. */
public final class SqliteRegistrationStore implements RegistrationStore {

    private final SqliteDatabase db;

    public SqliteRegistrationStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public Future<Optional<RegistrationMode>> mode() {
        return db.run(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT mode FROM registration WHERE id = 1");
                 ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(RegistrationMode.valueOf(row.getString(1))) : Optional.empty();
            }
        });
    }

    @Override
    public Future<Void> mode(RegistrationMode mode) {
        return db.run(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO registration (id, mode)"
                    + " VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET mode = excluded.mode")) {
                upsert.setString(1, mode.name());
                upsert.executeUpdate();
                return null;
            }
        });
    }

    @Override
    public Future<Void> addInvite(Invite invite) {
        return db.run(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO invites (code, uses_left, uses,"
                    + " created_at, created_by) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, invite.code());
                insert.setInt(2, invite.usesLeft());
                insert.setInt(3, invite.uses());
                insert.setLong(4, invite.createdAt());
                insert.setString(5, invite.createdBy());
                insert.executeUpdate();
                return null;
            }
        });
    }

    @Override
    public Future<List<Invite>> invites() {
        return db.run(connection -> {
            List<Invite> invites = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT code, uses_left, uses, created_at,"
                    + " created_by FROM invites ORDER BY created_at, code");
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    invites.add(new Invite(row.getString(1), row.getInt(2), row.getInt(3), row.getLong(4),
                            row.getString(5)));
                }
            }
            return invites;
        });
    }

    @Override
    public Future<Boolean> useInvite(String code) {
        return countChange("UPDATE invites SET uses_left = uses_left - 1, uses = uses + 1"
                + " WHERE code = ? AND uses_left > 0", code);
    }

    @Override
    public Future<Void> returnInvite(String code) {
        return countChange("UPDATE invites SET uses_left = uses_left + 1, uses = uses - 1 WHERE code = ? AND uses > 0",
                code).mapEmpty();
    }

    @Override
    public Future<Set<String>> lockedAccounts() {
        return db.run(connection -> {
            Set<String> names = new HashSet<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT name FROM account_locks");
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    names.add(row.getString(1));
                }
            }
            return names;
        });
    }

    @Override
    public Future<Boolean> lock(String name, long at, String by) {
        return db.run(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO account_locks (name, locked_at,"
                    + " locked_by) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                insert.setString(1, name);
                insert.setLong(2, at);
                insert.setString(3, by);
                return insert.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Future<Boolean> unlock(String name) {
        return countChange("DELETE FROM account_locks WHERE name = ?", name);
    }

    /** Runs one statement with one text parameter; true if it changed a row. */
    private Future<Boolean> countChange(String sql, String parameter) {
        return db.run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, parameter);
                return statement.executeUpdate() > 0;
            }
        });
    }
}
