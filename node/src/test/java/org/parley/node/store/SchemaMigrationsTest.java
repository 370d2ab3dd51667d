package org.parley.node.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.node.store.StoreFixture.await;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.mailbox.MailboxStore;
import org.parley.node.mailbox.Waiting;

/** The store's schema is versioned, and a data directory from before versions is upgraded in place. */
class SchemaMigrationsTest {

    private static final Set<String> TABLES = Set.of("accounts", "peer_keys", "directory", "outbox", "mailbox",
            "groups", "memberships", "contacts", "registration", "invites", "account_locks");

    @TempDir
    Path data;

    private StoreFixture store;

    @BeforeEach
    void fixture() {
        store = new StoreFixture(data);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void aFreshDataDirectoryGetsEveryTableAtTheNewestVersionInWalMode() throws Exception {
        SqliteDatabase db = store.open();

        assertTrue(tables(db).containsAll(TABLES), tables(db).toString());
        assertEquals(List.of("1 SQL baseline", "2 SQL contacts", "3 SQL registration and locks"), history(db));
        assertEquals("wal", await(db.run(connection -> text(connection, "PRAGMA journal_mode"))));
    }

    @Test
    void aDataDirectoryFromBeforeVersionedSchemasIsBaselinedAndKeepsItsAccountsAndMailboxes() throws Exception {
        // GIVEN a data directory an older node made, with an account and a message waiting for it
        byte[] signing = "s".repeat(32).getBytes(UTF_8);
        byte[] agreement = "a".repeat(32).getBytes(UTF_8);
        try (LegacyDataDirectory legacy = LegacyDataDirectory.create(data)) {
            legacy.account("bob", signing, agreement)
                    .waiting(7, "bob", "m1", "alice@test", "bob@test", "hello".getBytes(UTF_8));
        }

        // WHEN the node opens it
        SqliteDatabase db = store.open();

        // THEN it is marked as older than version 1, V1 and what came after ran over it, and nothing was lost
        assertEquals(List.of("0 BASELINE data directory from before versioned schemas", "1 SQL baseline",
                "2 SQL contacts", "3 SQL registration and locks"), history(db));
        Account bob = await(new SqliteAccountStore(db).find("bob")).orElseThrow();
        assertArrayEquals(signing, bob.signingKey());
        assertArrayEquals(agreement, bob.agreementKey());
        MailboxStore mailboxes = new SqliteMailboxStore(store.vertx(), db);
        MailboxStore.Contents contents = await(mailboxes.contents());
        assertEquals(7, contents.lastSeq());
        assertEquals(Map.of("bob", new Waiting(1, 5)), contents.counts());
        List<MailboxStore.Stored> page = store.on(() -> mailboxes.shard().page("bob", 0, 10, 1 << 20))
                .messages();
        assertEquals("m1", page.get(0).id());
        assertEquals("hello", new String(page.get(0).body(), UTF_8));
    }

    @Test
    void aDataDirectoryMadeBeforeLaterTablesExistedGetsThemAndKeepsItsRows() throws Exception {
        // GIVEN a data directory from before mailboxes and groups (accounts and pinned keys only)
        try (LegacyDataDirectory legacy = LegacyDataDirectory.create(data, 2)) {
            legacy.account("carol", new byte[32], new byte[32]);
        }

        SqliteDatabase db = store.open();

        assertTrue(tables(db).containsAll(TABLES), tables(db).toString());
        assertTrue(await(new SqliteAccountStore(db).find("carol")).isPresent());
    }

    @Test
    void openingAnUpToDateDataDirectoryAgainChangesNothing() throws Exception {
        SqliteDatabase first = store.open();
        await(new SqliteAccountStore(first).create(new Account("dave", new byte[32], new byte[32], null, 1)));
        List<String> before = history(first);

        SqliteDatabase again = store.open();

        assertEquals(before, history(again));
        assertTrue(await(new SqliteAccountStore(again).find("dave")).isPresent());
    }

    private static Set<String> tables(SqliteDatabase db) throws Exception {
        return await(db.run(connection -> {
            Set<String> names = new TreeSet<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT name FROM sqlite_master WHERE type = 'table'");
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    names.add(row.getString(1));
                }
            }
            return names;
        }));
    }

    /** The schema history, oldest first, as "version type description" of each successful step. */
    private static List<String> history(SqliteDatabase db) throws Exception {
        return await(db.run(connection -> {
            List<String> steps = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT version, type, description"
                    + " FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank");
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    steps.add(row.getString(1) + " " + row.getString(2) + " " + row.getString(3));
                }
            }
            return steps;
        }));
    }

    private static String text(java.sql.Connection connection, String sql) throws Exception {
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet row = query.executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }
}
