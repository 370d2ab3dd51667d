package org.parley.node.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A data directory as the node made it before its schema had versions: the same pragmas and the
 * same {@code CREATE} statements, run by hand at every start, and no Flyway history. The statements
 * are copied from that code, not read from {@code V1__baseline.sql}, so that a V1 that drifted from
 * what older nodes made would fail the upgrade tests instead of agreeing with itself.
 */
public final class LegacyDataDirectory implements AutoCloseable {

    /** The tables the node had when it learned migrations, in the order it created them. */
    public static final List<String> TABLES = List.of(
            """
            CREATE TABLE IF NOT EXISTS accounts (
              name          TEXT PRIMARY KEY,
              signing_key   BLOB NOT NULL,
              agreement_key BLOB NOT NULL,
              password_hash TEXT,
              created_at    INTEGER NOT NULL
            )""",
            """
            CREATE TABLE IF NOT EXISTS peer_keys (
              node      TEXT PRIMARY KEY,
              key       BLOB NOT NULL,
              pinned_at INTEGER NOT NULL
            )""",
            """
            CREATE TABLE IF NOT EXISTS directory (
              origin    TEXT NOT NULL,
              key       TEXT NOT NULL,
              version   INTEGER NOT NULL,
              entry     TEXT NOT NULL,
              signature TEXT NOT NULL,
              PRIMARY KEY (origin, key)
            )""",
            """
            CREATE TABLE IF NOT EXISTS outbox (
              row_id      INTEGER PRIMARY KEY,
              destination TEXT NOT NULL,
              header      TEXT NOT NULL,
              body        BLOB NOT NULL
            )""",
            "CREATE INDEX IF NOT EXISTS outbox_by_destination ON outbox (destination, row_id)",
            """
            CREATE TABLE IF NOT EXISTS mailbox (
              seq       INTEGER PRIMARY KEY,
              user      TEXT NOT NULL,
              id        TEXT NOT NULL,
              sender    TEXT NOT NULL,
              recipient TEXT NOT NULL,
              sent_at   INTEGER NOT NULL,
              stored_at INTEGER NOT NULL,
              body      BLOB NOT NULL,
              UNIQUE (user, id)
            )""",
            "CREATE INDEX IF NOT EXISTS mailbox_by_user ON mailbox (user, seq)",
            "CREATE INDEX IF NOT EXISTS mailbox_by_age ON mailbox (stored_at)",
            """
            CREATE TABLE IF NOT EXISTS groups (
              name    TEXT PRIMARY KEY,
              owner   TEXT NOT NULL,
              open    INTEGER NOT NULL,
              epoch   INTEGER NOT NULL,
              members TEXT NOT NULL,
              invited TEXT NOT NULL
            )""",
            """
            CREATE TABLE IF NOT EXISTS memberships (
              user  TEXT NOT NULL,
              grp   TEXT NOT NULL,
              PRIMARY KEY (user, grp)
            )""");

    private final Connection connection;

    private LegacyDataDirectory(Connection connection) {
        this.connection = connection;
    }

    /** {@code dataDir/parley.db} with the first {@code tables} of {@link #TABLES}, as an older node left it. */
    public static LegacyDataDirectory create(Path dataDir, int tables) throws Exception {
        Files.createDirectories(dataDir);
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("parley.db"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=NORMAL");
            for (String table : TABLES.subList(0, tables)) {
                statement.execute(table);
            }
        }
        return new LegacyDataDirectory(connection);
    }

    /** Every table the node had. */
    public static LegacyDataDirectory create(Path dataDir) throws Exception {
        return create(dataDir, TABLES.size());
    }

    public LegacyDataDirectory account(String name, byte[] signingKey, byte[] agreementKey) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO accounts (name, signing_key,"
                + " agreement_key, password_hash, created_at) VALUES (?, ?, ?, NULL, ?)")) {
            insert.setString(1, name);
            insert.setBytes(2, signingKey);
            insert.setBytes(3, agreementKey);
            insert.setLong(4, System.currentTimeMillis());
            insert.executeUpdate();
        }
        return this;
    }

    /** A message waiting in {@code user}'s mailbox. */
    public LegacyDataDirectory waiting(long seq, String user, String id, String sender, String recipient, byte[] body)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO mailbox (seq, user, id, sender,"
                + " recipient, sent_at, stored_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            long now = System.currentTimeMillis();
            insert.setLong(1, seq);
            insert.setString(2, user);
            insert.setString(3, id);
            insert.setString(4, sender);
            insert.setString(5, recipient);
            insert.setLong(6, now);
            insert.setLong(7, now);
            insert.setBytes(8, body);
            insert.executeUpdate();
        }
        return this;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
