package org.parley.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.ServerHello;

/**
 * What an operator's monitoring reads from a running node: {@code /metrics}, parsed by Prometheus'
 * own parser, moving as users log in and talk and as nodes link; and the health endpoints.
 */
@ExtendWith(VertxExtension.class)
class MetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    private final NodeFixture nodes = new NodeFixture();

    @AfterEach
    void stopNodes() throws Exception {
        nodes.stopAll();
    }

    @Test
    void aScrapeCountsLoginsMessagesAndAFailedLogin(Vertx vertx) throws Exception {
        PrometheusScrape.assumePythonParser();
        // GIVEN a node, scraped before anyone came
        Node node = nodes.start(vertx, dataDir, Map.of());
        PrometheusScrape before = PrometheusScrape.of(node);

        // WHEN two users log in, one writes to the other, and someone tries to log in with a taken name
        try (TestClient alice = TestClient.login(node.port(), "alice");
             TestClient bob = TestClient.login(node.port(), "bob")) {
            alice.watch("bob");
            alice.send(new Send("m1", "bob"), "hello bob".getBytes(UTF_8));
            bob.awaitType(Delivery.class);
            try (TestClient impostor = TestClient.connect(node.port())) {
                ServerHello hello = impostor.hello();
                impostor.send(impostor.signedLogin(hello, "alice", null));
                assertEquals(ErrorCode.NAME_TAKEN, impostor.expect(ErrorFrame.class).code());
            }

            // THEN the scrape shows it: logins, the send in, the message out, the failed login by reason
            PrometheusScrape after = PrometheusScrape.of(node);
            assertEquals(before.count("parley_logins_total", Map.of()) + 2, after.count("parley_logins_total", Map.of()));
            assertEquals(before.count("parley_client_frames_received_total", Map.of("type", "send")) + 1,
                    after.count("parley_client_frames_received_total", Map.of("type", "send")));
            assertTrue(after.count("parley_client_frames_sent_total", Map.of("type", "message"))
                    >= before.count("parley_client_frames_sent_total", Map.of("type", "message")) + 1);
            assertEquals(before.count("parley_logins_failed_total", Map.of("reason", "NAME_TAKEN")) + 1,
                    after.count("parley_logins_failed_total", Map.of("reason", "NAME_TAKEN")));
            assertEquals(before.count("parley_refusals_total", Map.of("code", "NAME_TAKEN")) + 1,
                    after.count("parley_refusals_total", Map.of("code", "NAME_TAKEN")));
            assertTrue(after.count("parley_client_connections_opened_total", Map.of("carrier", "tcp")) >= 3);
            assertEquals(2.0, after.count("parley_users_online", Map.of()));
            assertEquals("counter", after.typeOf("parley_logins").orElseThrow());
            // Every other family the issue names is there, with its unit where it has one.
            for (String series : new String[] {"parley_mailbox_messages", "parley_directory_entries",
                    "parley_bulk_bytes_total", "parley_bulk_streams_opened_total", "parley_voice_packets_relayed_total",
                    "parley_voice_packets_dropped_total", "parley_rate_limit_refusals_total", "parley_client_connections"}) {
                assertTrue(after.value(series, Map.of()).isPresent(), series + " missing from the scrape");
            }
            assertEquals(1.0, after.count("parley_directory_entries", Map.of("kind", "node")));
        }
    }

    @Test
    void mailboxDepthFollowsWhatWaitsForAnOfflineUser(Vertx vertx) throws Exception {
        PrometheusScrape.assumePythonParser();
        Node node = nodes.start(vertx, dataDir, Map.of());
        TestClient.login(node.port(), "bob").close();
        try (TestClient alice = TestClient.login(node.port(), "alice")) {
            // WHEN alice writes to bob, who is offline, and the node accepts it
            alice.send(new Send("m1", "bob"), "while you were out".getBytes(UTF_8));
            alice.awaitType(org.parley.protocol.message.Accepted.class);

            // THEN the mailbox gauge shows one message for one user
            PrometheusScrape scrape = PrometheusScrape.of(node);
            assertEquals(1.0, scrape.count("parley_mailbox_messages", Map.of()));
            assertEquals(1.0, scrape.count("parley_mailbox_users", Map.of()));
            // It was stored before "accepted": the store committed, and timed the commit.
            assertTrue(scrape.count("parley_store_commit_seconds_count", Map.of()) > 0);
            assertEquals("histogram", scrape.typeOf("parley_store_commit_seconds").orElseThrow());
        }
    }

    @Test
    void aLinkShowsUpWithItsRoundTripAndOutbox(Vertx vertx) throws Exception {
        PrometheusScrape.assumePythonParser();
        try (Cluster cluster = new Cluster(vertx, dataDir)) {
            // GIVEN two linked nodes, heartbeats every second
            Node a = cluster.start("node-a");
            cluster.start("node-b", a.s2sPort());

            // THEN node-a's scrape shows the link up, its round trip once a ping came back, and the outbox
            await().atMost(WAIT).untilAsserted(() -> {
                PrometheusScrape scrape = PrometheusScrape.of(a);
                assertEquals(1.0, scrape.count("parley_link_up", Map.of("peer", "node-b")));
                double rtt = scrape.value("parley_link_rtt_seconds", Map.of("peer", "node-b")).orElse(-1.0);
                assertTrue(rtt > 0 && rtt < 10, "round trip " + rtt);
                assertEquals(0.0, scrape.value("parley_outbox_envelopes", Map.of("peer", "node-b")).orElse(-1.0));
                assertEquals(2.0, scrape.count("parley_directory_entries", Map.of("kind", "node")));
            });

            // WHEN node-b stops, THEN node-a shows the link down
            cluster.stop("node-b");
            await().atMost(WAIT).untilAsserted(() ->
                    assertEquals(0.0, PrometheusScrape.of(a).count("parley_link_up", Map.of("peer", "node-b"))));
        }
    }

    @Test
    void healthSaysLiveAndReadyOnARunningNode(Vertx vertx) throws Exception {
        Node node = nodes.start(vertx, dataDir, Map.of());

        HttpResponse<String> live = PrometheusScrape.get(node, "/health/live");
        HttpResponse<String> ready = PrometheusScrape.get(node, "/health/ready");

        assertEquals(200, live.statusCode());
        assertEquals("live", new JsonObject(live.body()).getString("status"));
        assertEquals(200, ready.statusCode());
        assertEquals("ready", new JsonObject(ready.body()).getString("status"));
        assertEquals("application/json", ready.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void metricsSwitchedOffAre404WhileHealthStaysOn(Vertx vertx) throws Exception {
        Node node = nodes.start(vertx, dataDir, Map.of("metrics", Map.of("enabled", false)));

        assertEquals(404, PrometheusScrape.get(node, "/metrics").statusCode());
        assertEquals(200, PrometheusScrape.get(node, "/health/ready").statusCode());
    }

    @Test
    void vertxOwnMetersJoinTheNodesWhenItsVertxIsMadeByTheMetrics() throws Exception {
        PrometheusScrape.assumePythonParser();
        org.parley.node.metrics.NodeMetrics metrics = org.parley.node.metrics.NodeMetrics.create();
        Vertx instrumented = metrics.vertx(new io.vertx.core.VertxOptions());
        try {
            Node node = Node.start(instrumented, org.parley.node.config.NodeConfigLoader.of(Map.of("name", "test",
                    "host", "127.0.0.1", "port", 0, "s2sPort", 0, "dataDir", dataDir.toString(), "eventLoops", 1,
                    "plaintext", true)).load(), metrics).toCompletionStage().toCompletableFuture()
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);
            try (TestClient alice = TestClient.login(node.port(), "alice")) {
                PrometheusScrape scrape = PrometheusScrape.of(node);
                assertEquals(1.0, scrape.count("parley_logins_total", Map.of()));
                assertTrue(scrape.value("vertx_net_server_active_connections", Map.of()).isPresent());
                assertTrue(scrape.value("jvm_memory_used_bytes", Map.of()).isPresent());
            } finally {
                node.stop().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            instrumented.close().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
