package org.parley.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.Ack;
import org.parley.protocol.message.Bye;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.KeysRequest;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.message.UserKeys;

/**
 * Nothing accepted is lost when a node crashes: with real node processes, 10,000 messages go to
 * users who are offline, half from users of their own node and half through a second node, and
 * the recipients' node is killed with SIGKILL part way. After it restarts, every message a sender
 * was told was accepted reaches its recipient once, in the order sent.
 */
class NodeCrashTest {

    private static final int PER_SENDER = 2500;
    private static final int WINDOW = 200;
    /** Far more than one crash needs; a sender that keeps failing is a failure, not a loop. */
    private static final int MAX_RECONNECTS = 100;

    @TempDir
    Path data;

    /** A user who sends {@code PER_SENDER} numbered messages, resending from the first unaccepted one after a reconnect. */
    private static final class Sender extends Thread {
        final String name;
        final String to;
        /** The node's port, waiting while the node is down (the restart completes it). */
        final Supplier<CompletableFuture<Integer>> port;
        final IdentityKeys keys = IdentityKeys.generate(new SecureRandom());
        final Set<Integer> accepted = ConcurrentHashMap.newKeySet();
        final List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicInteger reconnects = new AtomicInteger();

        Sender(String name, String to, Supplier<CompletableFuture<Integer>> port) {
            super("sender-" + name);
            this.name = name;
            this.to = to;
            this.port = port;
        }

        @Override
        public void run() {
            int firstUnaccepted = 0;
            boolean first = true;
            while (firstUnaccepted < PER_SENDER && refusals.isEmpty()) {
                if (!first && reconnects.incrementAndGet() > MAX_RECONNECTS) {
                    refusals.add("could not stay connected");
                    return;
                }
                first = false;
                int nodePort;
                try {
                    nodePort = port.get().get(60, TimeUnit.SECONDS);
                } catch (Exception nodeNeverCameBack) {
                    refusals.add("the node did not come back: " + nodeNeverCameBack);
                    return;
                }
                try (TestClient client = TestClient.login(nodePort, name, keys)) {
                    int sent = firstUnaccepted;
                    while (firstUnaccepted < PER_SENDER && !client.closed()) {
                        while (sent < PER_SENDER && sent - firstUnaccepted < WINDOW) {
                            client.send(new Send(name + "-" + sent, to), (name + "-" + sent).getBytes(UTF_8));
                            sent++;
                        }
                        Frame<ServerMessage> frame = client.poll(200);
                        if (frame != null && frame.header() instanceof Accepted ok) {
                            accepted.add(Integer.parseInt(ok.id().substring(name.length() + 1)));
                            while (accepted.contains(firstUnaccepted)) {
                                firstUnaccepted++;
                            }
                        } else if (frame != null && frame.header() instanceof ErrorFrame error) {
                            refusals.add(error.code() + " " + error.message());
                            return;
                        }
                    }
                } catch (Exception connectionLost) {
                    // the node is down: the next round waits for its restart
                }
            }
        }
    }

    @Test
    void everyAcceptedMessageIsDeliveredOnceInOrderAfterAKillDashNine() throws Exception {
        Path bData = data.resolve("b");
        try (NodeProcess a = NodeProcess.start("node-a", data.resolve("a"),
                NodeProcess.trusting("node-b", bData).toArray(String[]::new))) {
            List<String> link = new java.util.ArrayList<>(List.of("--peer", "127.0.0.1:" + a.s2sPort()));
            link.addAll(NodeProcess.trusting("node-a", data.resolve("a")));
            String[] linkToA = link.toArray(String[]::new);
            NodeProcess[] b = {NodeProcess.start("node-b", bData, linkToA)};
            AtomicReference<CompletableFuture<Integer>> bPort =
                    new AtomicReference<>(CompletableFuture.completedFuture(b[0].port()));
            CompletableFuture<Integer> aPort = CompletableFuture.completedFuture(a.port());
            try {
                // GIVEN two recipients of node-b who are offline, known on node-a too
                Map<String, IdentityKeys> recipients = new HashMap<>();
                for (String name : List.of("rita", "ruth")) {
                    TestClient client = TestClient.login(b[0].port(), name);
                    client.send(new Bye());
                    assertTrue(client.awaitClosed());
                    recipients.put(name, client.keys());
                    awaitKnownOnNodeA(a, name + "@node-b");
                }
                // WHEN two users of node-b and two of node-a send to them
                List<Sender> senders = List.of(
                        new Sender("sam", "rita", bPort::get),
                        new Sender("sue", "ruth", bPort::get),
                        new Sender("al", "rita@node-b", () -> aPort),
                        new Sender("ann", "ruth@node-b", () -> aPort));
                senders.forEach(Thread::start);
                // AND node-b is killed part way
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (senders.stream().mapToInt(s -> s.accepted.size()).sum() < 4 * PER_SENDER * 2 / 5) {
                    assertTrue(System.nanoTime() < deadline, "the senders stalled before the crash");
                    Thread.onSpinWait();
                }
                CompletableFuture<Integer> restarted = new CompletableFuture<>();
                bPort.set(restarted); // node-b's senders wait for this once their connection drops
                b[0].kill();
                int acceptedAtCrash = senders.stream().mapToInt(s -> s.accepted.size()).sum();
                b[0] = NodeProcess.start("node-b", bData, linkToA);
                restarted.complete(b[0].port());
                for (Sender sender : senders) {
                    sender.join(TimeUnit.SECONDS.toMillis(120));
                    assertTrue(sender.refusals.isEmpty(), sender.name + " was refused: " + sender.refusals);
                    assertEquals(PER_SENDER, sender.accepted.size(), sender.name + " did not finish");
                }
                assertTrue(acceptedAtCrash < 4 * PER_SENDER, "the crash came after everything was accepted");
                assertTrue(senders.get(0).reconnects.get() > 0, "node-b's own senders never noticed the crash");

                // THEN each recipient gets each message once, in the order each sender sent them
                assertAllOnceInOrder(b[0], "rita", recipients.get("rita"), List.of("sam", "al"));
                assertAllOnceInOrder(b[0], "ruth", recipients.get("ruth"), List.of("sue", "ann"));
            } finally {
                b[0].close();
            }
        }
    }

    private static void awaitKnownOnNodeA(NodeProcess a, String user) throws Exception {
        try (TestClient probe = TestClient.login(a.port(), "probe-" + user.substring(0, user.indexOf('@')))) {
            // Asked again, as a client would, until gossip has brought the user to node-a.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                probe.send(new KeysRequest("k", user));
                Frame<ServerMessage> answer = probe.awaitFrame(UserKeys.class, ErrorFrame.class);
                return answer.header() instanceof UserKeys;
            });
        }
    }

    private static void assertAllOnceInOrder(NodeProcess node, String name, IdentityKeys keys, List<String> from)
            throws Exception {
        Map<String, List<Integer>> bySender = new HashMap<>();
        from.forEach(sender -> bySender.put(sender, new ArrayList<>()));
        int expected = from.size() * PER_SENDER;
        try (TestClient recipient = TestClient.login(node.port(), name, keys)) {
            int received = 0;
            while (received < expected) {
                List<Frame<ServerMessage>> batch = recipient.awaitDeliveries(Math.min(500, expected - received), 60);
                assertTrue(!batch.isEmpty(), name + " stopped receiving after " + received + " of " + expected);
                List<String> ids = new ArrayList<>();
                for (Frame<ServerMessage> frame : batch) {
                    String id = ((Delivery) frame.header()).id();
                    ids.add(id);
                    int dash = id.lastIndexOf('-');
                    bySender.get(id.substring(0, dash)).add(Integer.parseInt(id.substring(dash + 1)));
                }
                recipient.send(new Ack(ids));
                received += batch.size();
            }
            // a message sent now comes after anything still queued, so a repeat would show before it
            try (TestClient marker = TestClient.login(node.port(), "marker-" + name)) {
                marker.send(new Send("end", name), "end".getBytes(UTF_8));
                assertEquals("end", recipient.awaitType(Delivery.class).id(), "a repeat arrived after all " + expected);
            }
        }
        for (String sender : from) {
            List<Integer> order = bySender.get(sender);
            List<Integer> once = new ArrayList<>();
            for (int i = 0; i < PER_SENDER; i++) {
                once.add(i);
            }
            assertEquals(once, order, sender + " -> " + name + ": not each message once in order");
        }
    }
}
