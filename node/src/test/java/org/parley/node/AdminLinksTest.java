package org.parley.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code admin links} and {@code admin peer add|remove}: an operator links a running node with another
 * without a restart, sees the link, and unlinks it.
 */
@ExtendWith(VertxExtension.class)
class AdminLinksTest {

    @TempDir
    Path folder;

    private final List<Node> running = new ArrayList<>();

    @AfterEach
    void stopNodes() throws Exception {
        for (Node node : running) {
            node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private Node start(Vertx vertx, ConfigFile file) throws Exception {
        file.save();
        Node node = Node.start(vertx, file.source(), file.source().read(), NodeFixture.TEST_HASHER)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        running.add(node);
        return node;
    }

    /** node-a and node-b, running; node-b trusts node-a, node-a knows nothing of node-b. */
    private record Pair(ConfigFile fileA, Node a, Node b) {
    }

    private Pair pair(Vertx vertx) throws Exception {
        ConfigFile fileA = new ConfigFile(folder, "node-a");
        ConfigFile fileB = new ConfigFile(folder, "node-b");
        fileB.settings().putObject("federation").putObject("peerFingerprints")
                .put("node-a", NodeFixture.fingerprint(fileA.dataDir(), "node-a"));
        return new Pair(fileA, start(vertx, fileA), start(vertx, fileB));
    }

    private static JsonNode linkTo(AdminCli admin, String node) throws Exception {
        for (JsonNode link : admin.run("links", "--json").json().get("links")) {
            if (node.equals(link.path("node").asText(null))) {
                return link;
            }
        }
        return null;
    }

    @Test
    void aPeerAddedAtRuntimeLinksShowsInLinksAndGoesWhenRemoved(Vertx vertx) throws Exception {
        // GIVEN node-b trusts node-a already, and node-a knows nothing of node-b
        Pair pair = pair(vertx);
        Node a = pair.a();
        Node b = pair.b();
        AdminCli admin = new AdminCli(pair.fileA().path());
        assertEquals("node-a has no peers", admin.run("links").out());

        // WHEN node-a's operator adds node-b with its fingerprint
        AdminCli.Result added = admin.run("peer", "add", "127.0.0.1:" + b.s2sPort(), "--fingerprint",
                "node-b=" + b.federation().fingerprint());
        assertEquals(0, added.code(), added.err());
        assertTrue(added.out().startsWith("node-a trusts node-b"), added.out());

        // THEN the link comes up, and links shows it with its round trip and an empty outbox
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode link = linkTo(admin, "node-b");
            return link != null && link.get("state").asText().equals("up") && !link.get("rttMillis").isNull();
        });
        JsonNode link = linkTo(admin, "node-b");
        assertEquals(0, link.get("outbox").asInt());
        assertTrue(admin.run("links").out().startsWith("node-b  up  "), admin.run("links").out());

        // WHEN the operator removes it, THEN the link goes down and is not dialled again
        AdminCli.Result removed = admin.run("peer", "remove", "node-b");
        assertEquals(0, removed.code(), removed.err());
        await().atMost(Duration.ofSeconds(30)).until(() -> a.federation().linkedPeers()
                .toCompletionStage().toCompletableFuture().get().isEmpty());
        assertEquals("node-a has no peers", admin.run("links").out());

        // and a fingerprint that is not one is refused aloud
        AdminCli.Result bad = admin.run("peer", "add", "127.0.0.1:1", "--fingerprint", "node-c=nonsense");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("must look like SHA256:"), bad.err());
    }

    @Test
    void peersAddedToTheConfigLinkOnReloadAndPeersRemovedFromItUnlink(Vertx vertx) throws Exception {
        Pair pair = pair(vertx);
        ConfigFile fileA = pair.fileA();
        Node a = pair.a();
        Node b = pair.b();
        AdminCli admin = new AdminCli(fileA.path());

        // WHEN node-a's operator adds node-b to the file and reloads
        com.fasterxml.jackson.databind.node.ObjectNode federation = fileA.settings().putObject("federation");
        federation.putObject("peerFingerprints").put("node-b", b.federation().fingerprint());
        federation.putArray("peers").add("127.0.0.1:" + b.s2sPort());
        fileA.save();
        AdminCli.Result reloaded = admin.run("reload");
        assertEquals(0, reloaded.code(), reloaded.err());
        assertTrue(reloaded.out().contains("peer trusted: node-b"), reloaded.out());
        assertTrue(reloaded.out().contains("peer dialled: 127.0.0.1:" + b.s2sPort()), reloaded.out());
        // THEN they link
        await().atMost(Duration.ofSeconds(30)).until(() -> a.federation().linkedPeers()
                .toCompletionStage().toCompletableFuture().get().contains("node-b"));

        // WHEN the operator takes node-b out of the file again and reloads, THEN the link goes
        fileA.settings().remove("federation");
        fileA.save();
        AdminCli.Result removed = admin.run("reload");
        assertTrue(removed.out().contains("peer removed: node-b"), removed.out());
        await().atMost(Duration.ofSeconds(30)).until(() -> a.federation().linkedPeers()
                .toCompletionStage().toCompletableFuture().get().isEmpty());
    }
}
