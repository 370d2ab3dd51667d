package org.parley.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.store.LegacyDataDirectory;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ServerMessage;

/**
 * A node upgraded in place: a data directory written before the store's schema had versions
 * (no migration history) starts under the versioned schema with its users and what waited for them.
 */
class StoreUpgradeTest {

    @TempDir
    Path data;

    private Vertx vertx;
    private final NodeFixture nodes = new NodeFixture();

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        nodes.stopAll();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aNodeStartedOnADataDirectoryFromBeforeVersionedSchemasKeepsItsAccountsAndWaitingMessages() throws Exception {
        // GIVEN bob's account and a message waiting for him, as an older node left them
        IdentityKeys bob = IdentityKeys.generate(new SecureRandom());
        try (LegacyDataDirectory legacy = LegacyDataDirectory.create(data)) {
            legacy.account("bob", bob.signingPublic(), bob.agreementPublic())
                    .waiting(1, "bob", "m1", "alice@test", "bob@test", "sent before the upgrade".getBytes(UTF_8));
        }

        // WHEN this node starts on it
        Node node = nodes.start(vertx, data, Map.of());

        // THEN bob logs in to the account he had, and what waited for him arrives
        try (TestClient client = TestClient.connect(node.port(), bob)) {
            assertFalse(client.loginAs("bob", null).registered(), "bob's account was lost and made anew");
            List<Frame<ServerMessage>> waited = client.awaitDeliveries(1, 30);
            assertEquals(1, waited.size());
            assertEquals("m1", ((Delivery) waited.get(0).header()).id());
            assertEquals("alice@test", ((Delivery) waited.get(0).header()).from());
            assertEquals("sent before the upgrade", new String(waited.get(0).body(), UTF_8));
        }
        nodes.stop(node);
        assertEquals(List.of("0 BASELINE", "1 SQL", "2 SQL", "3 SQL"), history(data));
    }

    /** The schema's history as Flyway recorded it: "version type" per step, oldest first. */
    private static List<String> history(Path dataDir) throws Exception {
        List<String> steps = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("parley.db"));
             Statement query = connection.createStatement();
             ResultSet row = query.executeQuery(
                     "SELECT version, type FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank")) {
            while (row.next()) {
                steps.add(row.getString(1) + " " + row.getString(2));
            }
        }
        return steps;
    }
}
