package org.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;
import org.parley.node.store.SqliteDatabase;
import org.parley.protocol.frame.WireJson;

/** {@code parley who} on a node with far more users than one frame of the protocol holds. */
class WhoCliTest {

    private static final int ACCOUNTS = 22_000;

    @TempDir
    Path dataDir;

    @TempDir
    Path homes;

    @Test
    void whoPrintsEveryUserOfANodeWithTensOfThousandsOnceEachAsJsonAndAsText() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            // GIVEN a node whose store holds 22,000 accounts (written straight into it: registering each
            // through a login would cost minutes)
            addAccounts(vertx, dataDir, ACCOUNTS);
            Node node = TestNodes.start(vertx, Map.of("name", "big", "dataDir", dataDir.toString()));

            // WHEN alice asks who, as JSON and as text
            CliRun json = CliRun.run(TestNodes.as(homes, "alice", node, "who", "--json"));
            CliRun text = CliRun.run(TestNodes.as(homes, "alice", node, "who"));

            // THEN every user is printed once, alice (online) first
            assertEquals(0, json.exitCode, json.stderr());
            List<String> lines = json.stdout().lines().toList();
            assertEquals(ACCOUNTS + 1, lines.size());
            Set<String> users = new HashSet<>();
            for (String line : lines) {
                JsonNode user = WireJson.mapper().readTree(line);
                assertTrue(users.add(user.get("user").asText()), "printed twice: " + line);
            }
            assertTrue(users.containsAll(List.of("alice@big", "user00001@big", "user22000@big")));
            assertEquals("alice@big", WireJson.mapper().readTree(lines.get(0)).get("user").asText());
            assertEquals(0, text.exitCode, text.stderr());
            assertEquals(ACCOUNTS + 1, text.stdout().lines().count());
            assertTrue(text.stdout().lines().findFirst().orElseThrow().startsWith("alice@big "), text.stdout());

            // and asked about one user, by name or address, only that user; one nobody knows is offline
            CliRun one = CliRun.run(TestNodes.as(homes, "alice", node, "who", "user00042", "--json"));
            assertEquals(0, one.exitCode, one.stderr());
            assertEquals(1, one.stdout().lines().count(), one.stdout());
            JsonNode only = WireJson.mapper().readTree(one.stdout());
            assertEquals("user00042@big", only.get("user").asText());
            assertEquals("offline", only.get("status").asText().toLowerCase(java.util.Locale.ROOT));
            CliRun self = CliRun.run(TestNodes.as(homes, "alice", node, "who", "alice@big"));
            assertEquals(0, self.exitCode, self.stderr());
            assertTrue(self.stdout().startsWith("alice@big "), self.stdout());
            TestNodes.stop(node);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static void addAccounts(Vertx vertx, Path dataDir, int count) throws Exception {
        SqliteDatabase db = SqliteDatabase.open(vertx, dataDir).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        SecureRandom random = new SecureRandom();
        db.transaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO accounts (name, signing_key,"
                    + " agreement_key, password_hash, created_at) VALUES (?, ?, ?, NULL, ?)")) {
                for (int i = 1; i <= count; i++) {
                    byte[] key = new byte[32];
                    random.nextBytes(key);
                    insert.setString(1, String.format("user%05d", i));
                    insert.setBytes(2, key);
                    insert.setBytes(3, key);
                    insert.setLong(4, System.currentTimeMillis());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        }).compose(done -> db.close()).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
