package org.parley.node.store;

import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Accounts in the node's SQLite store.
 */
public final class SqliteAccountStore implements AccountStore {

    private static final int SQLITE_CONSTRAINT = 19;
    private static final String COLUMNS = "name, signing_key, agreement_key, password_hash, created_at";

    private final SqliteDatabase db;

    public SqliteAccountStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public Future<Optional<Account>> find(String name) {
        return db.run(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM accounts WHERE name = ?")) {
                query.setString(1, name);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(read(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Future<List<Account>> all() {
        return db.run(connection -> {
            List<Account> accounts = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM accounts");
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    accounts.add(read(row));
                }
            }
            return accounts;
        });
    }

    @Override
    public Future<Void> create(Account account) {
        return db.run(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO accounts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, account.name());
                insert.setBytes(2, account.signingKey());
                insert.setBytes(3, account.agreementKey());
                insert.setString(4, account.passwordHash());
                insert.setLong(5, account.createdAt());
                insert.executeUpdate();
                return null;
            } catch (SQLException e) {
                if (e.getErrorCode() == SQLITE_CONSTRAINT) {
                    throw new NameTakenException(account.name());
                }
                throw e;
            }
        });
    }

    @Override
    public Future<Boolean> delete(String name) {
        return db.run(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM accounts WHERE name = ?")) {
                delete.setString(1, name);
                return delete.executeUpdate() > 0;
            }
        });
    }

    private static Account read(ResultSet row) throws SQLException {
        return new Account(row.getString(1), row.getBytes(2), row.getBytes(3), row.getString(4), row.getLong(5));
    }
}
