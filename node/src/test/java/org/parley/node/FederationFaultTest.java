package org.parley.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.ServerMessage;

/** Links that are cut, stalled and healed, and nodes that restart, lose nothing and repeat nothing. */
class FederationFaultTest extends ClusterTest {

    @Test
    void aThousandMessagesAcrossALinkCutAndHealedTwiceArriveOnceInOrder(Vertx vertx) throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        try (TcpProxy bc = new TcpProxy(vertx, b.s2sPort())) {
            Node c = cluster.start("node-c", bc.start());
            try (TestClient alice = TestClient.login(a.port(), "alice");
                 TestClient carol = TestClient.login(c.port(), "carol")) {
                cluster.awaitConverged(List.of("alice@node-a", "carol@node-c"));
                List<String> received = new ArrayList<>();

                sendRange(alice, 1, 300);
                bc.cut();
                sendRange(alice, 301, 600);
                bc.heal();
                received.addAll(texts(carol.awaitDeliveries(600, 60)));
                bc.cut();
                sendRange(alice, 601, 1000);
                bc.heal();
                sendRange(alice, 1001, 1001); // a marker: once it arrives, any repeat would have come before it
                received.addAll(texts(carol.awaitDeliveries(401, 60)));

                List<String> expected = new ArrayList<>();
                for (int i = 1; i <= 1001; i++) {
                    expected.add("message " + i);
                }
                assertEquals(expected, received);
                // every send was accepted
                assertEquals(1001, countAccepted(alice, 1001));
            }
        }
    }

    @Test
    void aStalledLinkIsDetectedByHeartbeatsAndRecovers(Vertx vertx) throws Exception {
        Node a = cluster.start("node-a");
        try (TcpProxy ab = new TcpProxy(vertx, a.s2sPort())) {
            Node b = cluster.start("node-b", ab.start());
            try (TestClient alice = TestClient.login(a.port(), "alice");
                 TestClient bob = TestClient.login(b.port(), "bob")) {
                cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));

                ab.stall();
                // three silent heartbeats later, both ends drop the link
                await().atMost(Cluster.CONVERGE).until(() -> !a.federation().reaches("node-b"));
                alice.send(new Send("m1", "bob@node-b"), "after the stall".getBytes(UTF_8));
                assertEquals(1, alice.awaitType(Accepted.class).forwarded());
                ab.heal();

                assertEquals(List.of("after the stall"), texts(bob.awaitDeliveries(1, 30)));
            }
        }
    }

    @Test
    void aNodeRestartedWithAFullOutboxDeliversItAfterTheRestart() throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        IdentityKeys bobKeys;
        try (TestClient alice = TestClient.login(a.port(), "alice")) {
            try (TestClient bob = TestClient.login(b.port(), "bob")) {
                bobKeys = bob.keys();
                cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));
            }
            // node-b goes away; alice writes to bob anyway, and node-a keeps the messages
            cluster.stop("node-b");
            await().atMost(Cluster.CONVERGE).until(() -> !a.federation().reaches("node-b"));
            sendRange(alice, 1, 50, "bob@node-b");
            assertEquals(50, countAccepted(alice, 50));
            assertEquals(Map.of("node-b", 50), a.federation().waiting().toCompletionStage().toCompletableFuture().get());
        }
        cluster.stop("node-a");

        // node-b comes back (on a new port) with bob online; node-a restarts and dials it
        Node b2 = cluster.start("node-b");
        try (TestClient bob = TestClient.connect(b2.port(), bobKeys)) {
            bob.loginAs("bob", null);
            cluster.start("node-a", b2.s2sPort());

            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                expected.add("message " + i);
            }
            assertEquals(expected, texts(bob.awaitDeliveries(50, 60)));
        }
    }

    private static void sendRange(TestClient from, int first, int last) throws Exception {
        sendRange(from, first, last, "carol@node-c");
    }

    private static void sendRange(TestClient from, int first, int last, String to) throws Exception {
        for (int i = first; i <= last; i++) {
            from.send(new Send("m" + i, to), ("message " + i).getBytes(UTF_8));
        }
    }

    private static int countAccepted(TestClient client, int expected) throws InterruptedException {
        int accepted = 0;
        while (accepted < expected) {
            client.awaitType(Accepted.class);
            accepted++;
        }
        return accepted;
    }

    private static List<String> texts(List<Frame<ServerMessage>> deliveries) {
        return deliveries.stream().map(f -> new String(f.body(), UTF_8)).toList();
    }
}
