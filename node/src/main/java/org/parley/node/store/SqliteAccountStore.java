package org.parley.node.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts in SQLite (WAL mode). One connection, used from one dedicated worker thread, so
 * statements never run on an event loop and never contend with each other.
 */
public final class SqliteAccountStore implements AccountStore {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteAccountStore.class);
    private static final int SQLITE_CONSTRAINT = 19;

    private final WorkerExecutor worker;
    private final Connection connection;

    private SqliteAccountStore(WorkerExecutor worker, Connection connection) {
        this.worker = worker;
        this.connection = connection;
    }

    /** Opens (creating if needed) {@code dataDir/parley.db} on a worker thread. */
    public static Future<AccountStore> open(Vertx vertx, Path dataDir) {
        WorkerExecutor worker = vertx.createSharedWorkerExecutor("parley-store-" + dataDir.toAbsolutePath(), 1);
        return worker.<AccountStore>executeBlocking(() -> {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("parley.db");
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=FULL");
                statement.execute("PRAGMA busy_timeout=5000");
                statement.execute("""
                        CREATE TABLE IF NOT EXISTS accounts (
                          name          TEXT PRIMARY KEY,
                          signing_key   BLOB NOT NULL,
                          agreement_key BLOB NOT NULL,
                          password_hash TEXT,
                          created_at    INTEGER NOT NULL
                        )""");
            }
            LOG.info("Account store open at {}", file);
            return new SqliteAccountStore(worker, connection);
        }, true).onFailure(e -> worker.close());
    }

    @Override
    public Future<Optional<Account>> find(String name) {
        return worker.executeBlocking(() -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT signing_key, agreement_key, password_hash, created_at FROM accounts WHERE name = ?")) {
                query.setString(1, name);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Account(name, row.getBytes(1), row.getBytes(2), row.getString(3),
                            row.getLong(4)));
                }
            }
        }, true);
    }

    @Override
    public Future<Void> create(Account account) {
        return worker.executeBlocking(() -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO accounts (name, signing_key, agreement_key, password_hash, created_at)"
                            + " VALUES (?, ?, ?, ?, ?)")) {
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
        }, true);
    }

    @Override
    public Future<Void> close() {
        return worker.<Void>executeBlocking(() -> {
            connection.close();
            return null;
        }, true).eventually(worker::close);
    }

}
