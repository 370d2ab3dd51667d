package org.parley.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.parley.federation.wire.GossipDelta;
import org.parley.federation.wire.PeerProof;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.UserList;
import org.parley.protocol.message.UserStatus;
import org.parley.protocol.message.WhoRequest;

/** A linked node that signs more users than a node keeps, faster than it takes them. */
class DirectoryQuotaTest extends ClusterTest {

    private static final int FLOOD_USERS = 30_000;
    private static final int CAP = 10_000;
    private static final int MESSAGES = 50;
    /** 10,000 entries a second, three times the flood that was reported. */
    private static final long DELTA_INTERVAL_NANOS = 1_000_000_000L * 256 / 10_000;

    @Test
    void aRogueFloodingItsOwnUsersIsCappedLoggedAndChatAndWhoGoOn(Vertx vertx) throws Exception {
        try (RogueNode rogue = new RogueNode(vertx, "rogue");
             LogCapture log = new LogCapture("org.parley.federation.gossip.QuotaLog")) {
            // GIVEN node-a, which links with the rogue, and node-b; alice on node-a, bob on node-b
            // (heartbeats of 5 s: the machine is loaded by the flood, and this test is not about redials)
            Node a = cluster.start("node-a", Map.of("peerFingerprints",
                    Map.of("rogue", rogue.identity().fingerprint()), "linkHeartbeatSeconds", 5));
            Node b = cluster.start("node-b", Map.of("linkHeartbeatSeconds", 5), a.s2sPort());
            try (TestClient alice = TestClient.login(a.port(), "alice");
                 TestClient bob = TestClient.login(b.port(), "bob")) {
                cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));
                List<Long> quiet = roundTrips(alice, bob, "quiet", MESSAGES);
                List<Long> quietAccepted = List.copyOf(acceptedMicros);
                acceptedMicros.clear();
                List<GossipDelta> deltas = RogueUsers.deltas(rogue, List.of("node-a"), FLOOD_USERS, 256);
                rogue.connect(a.s2sPort()).await(PeerProof.class);
                await().atMost(Cluster.CONVERGE).until(() -> a.federation().linkedPeers()
                        .toCompletionStage().toCompletableFuture().get().contains("rogue"));

                // WHEN the rogue pushes its 30,000 users, again and again, 10,000 a second
                AtomicBoolean flooding = new AtomicBoolean(true);
                AtomicInteger rounds = new AtomicInteger();
                Thread flood = new Thread(() -> {
                    try {
                        long next = System.nanoTime();
                        while (flooding.get()) {
                            for (GossipDelta delta : deltas) {
                                // paced like a load generator (this JVM's cores also run both nodes)
                                java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
                                next += DELTA_INTERVAL_NANOS;
                                rogue.sendWhenWritable(delta);
                            }
                            rounds.incrementAndGet();
                        }
                    } catch (Exception e) {
                        flooding.set(false);
                    }
                }, "rogue-flood");
                flood.start();
                // and alice writes to bob meanwhile
                List<Long> flooded = roundTrips(alice, bob, "flooded", MESSAGES);
                List<Long> floodedAccepted = List.copyOf(acceptedMicros);
                boolean stillFlooding = flooding.get() && flood.isAlive();
                int roundsDuringChat = rounds.get();
                // and carol joins node-b while the flood goes on
                TestClient carol = TestClient.login(b.port(), "carol");

                // THEN every message arrived while the flood went on
                assertTrue(stillFlooding, "the flood must still be going on after the messages");
                // node-a keeps the cap of the rogue's users, no more, and says why in its log
                await().atMost(java.time.Duration.ofMinutes(2)).until(() -> usersOf(a, "rogue") == CAP);
                // the honest part of the directory still converges: node-a learns of carol meanwhile
                await().atMost(Cluster.CONVERGE).until(() ->
                        a.federation().directory().user(new UserAddress("carol", "node-b")).isPresent());
                assertTrue(flood.isAlive(), "the flood must still be going on when node-a learns of carol");
                flooding.set(false);
                carol.close();
                flood.join(30_000);
                assertEquals(CAP, usersOf(a, "rogue"));
                await().atMost(Cluster.CONVERGE).until(() -> log.lines().stream().anyMatch(line -> line.startsWith(
                        "WARN Refused") && line.contains("about node rogue from node rogue")
                        && line.contains("over the cap of 10000 users and groups per node")));
                assertTrue(log.lines().stream().anyMatch(line -> line.contains("entries per second from one link")),
                        String.join("\n", log.lines()));
                // and who, page by page, lists every user once, rogue's included
                List<UserStatus> everyone = whoInPages(alice);
                Set<String> names = new HashSet<>();
                everyone.forEach(u -> assertTrue(names.add(u.user()), "listed twice: " + u.user()));
                assertTrue(names.containsAll(List.of("alice@node-a", "bob@node-b", "carol@node-b", "u1@rogue")),
                        names.toString());
                assertEquals(CAP + 3, names.size());
                System.out.printf("DirectoryQuotaTest: alice@node-a to bob@node-b, %d messages each, send to bob's"
                                + " delivery: quiet %s; during the flood (%d rounds of %d users sent) %s. Send to"
                                + " alice's accepted: quiet %s; during the flood %s%n",
                        MESSAGES, summary(quiet), roundsDuringChat, FLOOD_USERS, summary(flooded),
                        summary(quietAccepted), summary(floodedAccepted));
            }
        }
    }

    private static long usersOf(Node node, String origin) {
        return node.federation().directory().users().keySet().stream().filter(u -> u.node().equals(origin)).count();
    }

    /** Per message, from send to the sender's accepted (its node has it on disk, or node-b has it). */
    private final List<Long> acceptedMicros = new ArrayList<>();

    /** Sends one message at a time and waits for bob to have it; the time of each, in microseconds. */
    private List<Long> roundTrips(TestClient from, TestClient to, String label, int count) throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String text = label + " " + i;
            long start = System.nanoTime();
            from.send(new Send(label + "-" + i, "bob@node-b"), text.getBytes(UTF_8));
            List<Frame<ServerMessage>> got = to.awaitDeliveries(1, 60);
            micros.add((System.nanoTime() - start) / 1000);
            assertEquals(List.of(text), got.stream().map(f -> new String(f.body(), UTF_8)).toList());
            // the answer acknowledges the send's bytes too, so the next send is not held back by Nagle
            assertEquals(label + "-" + i, from.awaitType(Accepted.class).id());
            acceptedMicros.add((System.nanoTime() - start) / 1000);
        }
        return micros;
    }

    static List<UserStatus> whoInPages(TestClient client) throws Exception {
        List<UserStatus> users = new ArrayList<>();
        String after = null;
        int page = 0;
        do {
            client.send(new WhoRequest("w" + page++, after, null));
            UserList list = client.awaitType(UserList.class);
            assertTrue(list.users().size() <= WhoRequest.MAX_PAGE);
            users.addAll(list.users());
            after = list.next();
        } while (after != null);
        return users;
    }

    private static String summary(List<Long> micros) {
        List<Long> sorted = micros.stream().sorted().toList();
        return String.format("median %.1f ms, p90 %.1f ms, max %.1f ms", sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get(sorted.size() * 9 / 10) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
    }
}
