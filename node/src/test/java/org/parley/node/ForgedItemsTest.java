package org.parley.node;

import org.parley.federation.wire.EnvelopeKind;
import org.parley.protocol.message.ReceiptStatus;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.federation.auth.FloodSignature;
import org.parley.federation.gossip.DirectoryEntry;
import org.parley.federation.gossip.EntrySigner;
import org.parley.federation.gossip.NodeRecord;
import org.parley.federation.wire.Envelope;
import org.parley.protocol.e2ee.FileChunk;
import org.parley.federation.wire.BulkSettle;
import org.parley.federation.wire.BulkData;
import org.parley.federation.wire.BulkCredit;
import org.parley.federation.wire.BulkOpen;
import org.parley.federation.wire.Flood;
import org.parley.federation.wire.GossipDelta;
import org.parley.federation.wire.PeerMessage;
import org.parley.federation.wire.PeerProof;
import org.parley.federation.wire.ReceiptNote;
import org.parley.federation.wire.StreamAck;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.Receipt;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.ServerMessage;

/**
 * A node linked in good standing that forges what it relays: acknowledgements, envelopes, receipts
 * and broadcasts in other nodes' names, and items in its own name that speak for other nodes'
 * users. Nothing accepted is lost, no link is blocked, nobody is impersonated.
 */
class ForgedItemsTest extends ClusterTest {

    @Test
    void acknowledgementsForgedInTheDestinationsNameLoseNothingFromTheOutbox(Vertx vertx) throws Exception {
        try (RogueNode rogue = new RogueNode(vertx, "rogue")) {
            // GIVEN node-b down, with 50 messages for bob in node-a's outbox
            Node a = cluster.start("node-a", trusting(rogue));
            Node b = cluster.start("node-b", a.s2sPort());
            IdentityKeys bobKeys;
            try (TestClient alice = TestClient.login(a.port(), "alice")) {
                try (TestClient bob = TestClient.login(b.port(), "bob")) {
                    bobKeys = bob.keys();
                    cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));
                }
                linkRogue(rogue, a);
                cluster.stop("node-b");
                await().atMost(Cluster.CONVERGE).until(() -> !a.federation().reaches("node-b"));
                for (int i = 1; i <= 50; i++) {
                    alice.send(new Send("m" + i, "bob@node-b"), ("message " + i).getBytes(UTF_8));
                }
                for (int i = 1; i <= 50; i++) {
                    alice.awaitType(Accepted.class);
                }

                // WHEN the rogue acknowledges all of them in node-b's name, for every stream number
                // within two seconds of node-a's start (its node record gives the time away), once
                // untagged and once with a tag of its own
                long started = a.federation().directory().node("node-a").orElseThrow().epoch() / 1000;
                NodeRecord nodeA = a.federation().directory().node("node-a").orElseThrow();
                long before = a.federation().refusedItems();
                for (long stream = started - 2000; stream <= started + 2000; stream++) {
                    StreamAck forged = new StreamAck("node-b", "node-a", 8, stream, 1_000, null);
                    rogue.send(stream % 2 == 0 ? forged : rogue.sealed(forged, nodeA));
                }
                await().atMost(Cluster.CONVERGE).until(() -> a.federation().refusedItems() >= before + 4001);

                // THEN node-a still holds every message, and bob gets all 50, in order, when node-b returns
                assertEquals(Map.of("node-b", 50), a.federation().waiting().toCompletionStage().toCompletableFuture()
                        .get());
            }
            Node b2 = cluster.start("node-b", a.s2sPort());
            try (TestClient bob = TestClient.connect(b2.port(), bobKeys)) {
                bob.loginAs("bob", null);
                List<String> expected = new ArrayList<>();
                for (int i = 1; i <= 50; i++) {
                    expected.add("message " + i);
                }
                assertEquals(expected, texts(bob.awaitDeliveries(50, 60)));
            }
        }
    }

    @Test
    void anEnvelopeForgedInAnotherNodesNameBlocksNothing(Vertx vertx) throws Exception {
        try (RogueNode rogue = new RogueNode(vertx, "rogue")) {
            Node a = cluster.start("node-a");
            Node b = cluster.start("node-b", trusting(rogue), a.s2sPort());
            try (TestClient alice = TestClient.login(a.port(), "alice");
                 TestClient bob = TestClient.login(b.port(), "bob")) {
                cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));
                linkRogue(rogue, b);
                NodeRecord nodeB = b.federation().directory().node("node-b").orElseThrow();
                long before = b.federation().refusedItems();

                // WHEN the rogue sends node-b envelopes in node-a's name, far ahead in a stream node-a
                // never had: one untagged, one tagged with the rogue's own key
                Envelope forged = new Envelope("node-a", "node-b", 8, Long.MAX_VALUE / 2, 1, 1, EnvelopeKind.CHAT,
                        "f1", "alice@node-a", "bob@node-b", System.currentTimeMillis(), null);
                byte[] body = "forged".getBytes(UTF_8);
                rogue.send(forged, body);
                rogue.send(rogue.sealed(forged, body, nodeB), body);
                await().atMost(Cluster.CONVERGE).until(() -> b.federation().refusedItems() >= before + 2);

                // THEN node-a's real messages still reach bob, once each, and nothing forged does
                alice.send(new Send("m1", "bob@node-b"), "real 1".getBytes(UTF_8));
                alice.send(new Send("m2", "bob@node-b"), "real 2".getBytes(UTF_8));
                assertEquals(List.of("real 1", "real 2"), texts(bob.awaitDeliveries(2, 30)));
            }
        }
    }

    @Test
    void aNodeSpeaksOnlyForItsOwnUsersAndItsItemsNameWhatTheyNeed(Vertx vertx) throws Exception {
        try (RogueNode rogue = new RogueNode(vertx, "rogue")) {
            Node a = cluster.start("node-a", trusting(rogue));
            Node b = cluster.start("node-b", a.s2sPort());
            try (TestClient alice = TestClient.login(a.port(), "alice");
                 TestClient bob = TestClient.login(b.port(), "bob")) {
                cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));
                long run = linkRogue(rogue, a);
                NodeRecord nodeA = a.federation().directory().node("node-a").orElseThrow();
                long now = System.currentTimeMillis();

                // WHEN the rogue, in its own name and with its own valid tags, sends alice a message
                // "from" bob@node-b, messages with no id and no sender, a "read" receipt from bob for a
                // message alice never sent, and a broadcast with a negative hop count
                sealed(rogue, nodeA, new Envelope("rogue", "node-a", 8, run, 1, 1, EnvelopeKind.CHAT, "s1", "bob@node-b",
                        "alice@node-a", now, null), "spoofed sender");
                sealed(rogue, nodeA, new Envelope("rogue", "node-a", 8, run, 2, 1, EnvelopeKind.CHAT, null,
                        "mallory@rogue", "alice@node-a", now, null), "no id");
                sealed(rogue, nodeA, new Envelope("rogue", "node-a", 8, run, 3, 1, EnvelopeKind.CHAT, "s3", null,
                        "alice@node-a", now, null), "no sender");
                byte[] receipts = ReceiptNote.encodeAll(List.of(new ReceiptNote("never-sent", "bob@node-b",
                        "alice@node-a", ReceiptStatus.READ)));
                Envelope receipt = new Envelope("rogue", "node-a", 8, run, 4, 1, EnvelopeKind.RECEIPTS, "r1", null, null,
                        now, null);
                rogue.send(rogue.sealed(receipt, receipts, nodeA), receipts);
                byte[] shout = "negative hops".getBytes(UTF_8);
                rogue.send(FloodSignature.sign(rogue.identity(), new Flood("rogue:1:1", "rogue", -1, "b1",
                        "mallory@rogue", now, null), shout), shout);

                // THEN node-a takes each position of the rogue's stream, refusing the first three
                StreamAck ack = rogue.await(StreamAck.class);
                while (ack.seq() < 4) {
                    ack = rogue.await(StreamAck.class);
                }
                assertEquals(java.util.Set.of(1L, 2L, 3L), ack.failures().keySet(), ack.toString());
                // and the first thing alice hears afterwards is bob's real message: nothing forged came first
                bob.send(new Send("real", "alice@node-a"), "from bob".getBytes(UTF_8));
                Frame<ServerMessage> first = firstDeliveryOrReceipt(alice);
                assertTrue(first.header() instanceof Delivery, "alice got " + first.header());
                assertEquals("from bob", new String(first.body(), UTF_8));
                assertEquals("bob@node-b", ((Delivery) first.header()).from());
            }
        }
    }

    @Test
    void broadcastsForgedInAnotherNodesNameOrReplayedReachNobodyAndSuppressNothing(Vertx vertx)
            throws Exception {
        try (RogueNode rogue = new RogueNode(vertx, "rogue")) {
            Node a = cluster.start("node-a");
            Node b = cluster.start("node-b", trusting(rogue), a.s2sPort());
            try (TestClient alice = TestClient.login(a.port(), "alice");
                 TestClient bob = TestClient.login(b.port(), "bob")) {
                cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));
                linkRogue(rogue, b);
                // GIVEN one real broadcast of alice's, which node-b passes on to the rogue too
                alice.send(new Send("b1", "*"), "first".getBytes(UTF_8));
                assertEquals(List.of("first"), texts(bob.awaitDeliveries(1, 30)));
                Frame<PeerMessage> captured = rogue.awaitFrame(Flood.class);
                Flood real = (Flood) captured.header();
                String run = real.floodId().substring(0, real.floodId().lastIndexOf(':') + 1);
                long now = System.currentTimeMillis();
                long before = b.federation().refusedItems();

                // WHEN the rogue claims alice's next flood ids, in node-a's name with its own signature
                // and in its own name, then replays her real broadcast, then says something true
                byte[] lie = "lie".getBytes(UTF_8);
                rogue.send(FloodSignature.sign(rogue.identity(), new Flood(run + "2", "node-a", 8, "x2",
                        "alice@node-a", now, null), lie), lie);
                rogue.send(FloodSignature.sign(rogue.identity(), new Flood(run + "3", "rogue", 8, "x3",
                        "mallory@rogue", now, null), lie), lie);
                rogue.send(new Flood(run + "4", "node-a", 8, "x4", "bob@node-b", now, null), lie);
                rogue.send(real, captured.body());
                byte[] truth = "sentinel".getBytes(UTF_8);
                rogue.send(FloodSignature.sign(rogue.identity(), new Flood("rogue:1:1", "rogue", 8, "t1",
                        "mallory@rogue", now, null), truth), truth);

                // THEN bob hears only the rogue's true broadcast, not the lies and not "first" again
                assertEquals(List.of("sentinel"), texts(bob.awaitDeliveries(1, 30)));
                await().atMost(Cluster.CONVERGE).until(() -> b.federation().refusedItems() >= before + 3);
                // and alice's next two broadcasts, whose ids the rogue claimed, reach bob
                alice.send(new Send("b2", "*"), "second".getBytes(UTF_8));
                alice.send(new Send("b3", "*"), "third".getBytes(UTF_8));
                assertEquals(List.of("second", "third"), texts(bob.awaitDeliveries(2, 30)));
            }
        }
    }

    @Test
    void anAuthenticEnvelopeOfAnEarlierRunReplayedAfterItsDestinationRestartsReachesNobody(Vertx vertx)
            throws Exception {
        try (RogueNode rogue = new RogueNode(vertx, "rogue")) {
            Node a = cluster.start("node-a");
            cluster.start("node-b", trusting(rogue), a.s2sPort());
            org.parley.protocol.crypto.IdentityKeys bobKeys;
            try (TestClient bob = TestClient.login(cluster.node("node-b").port(), "bob")) {
                bobKeys = bob.keys();
                cluster.awaitConverged(List.of("bob@node-b"));
            }
            // GIVEN node-b restarted, so it has not heard from node-a's stream since
            cluster.stop("node-b");
            Node b = cluster.start("node-b", trusting(rogue), a.s2sPort());
            try (TestClient alice = TestClient.login(a.port(), "alice");
                 TestClient bob = TestClient.connect(b.port(), bobKeys)) {
                bob.loginAs("bob", null);
                cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));
                linkRogue(rogue, b);
                long before = b.federation().refusedItems();

                // WHEN the rogue replays to node-b an envelope node-a really sent in an earlier run (made
                // here with node-a's own key, as one the rogue had recorded would be)
                org.parley.federation.link.NodeIdentity nodeA = org.parley.federation.link.NodeKeyFile
                        .loadOrCreate(root.resolve("node-a"), "node-a");
                NodeRecord nodeB = b.federation().directory().node("node-b").orElseThrow();
                long earlierRun = a.federation().directory().node("node-a").orElseThrow().epoch() / 1000 - 60_000;
                byte[] body = "a message from yesterday".getBytes(UTF_8);
                Envelope old = new Envelope("node-a", "node-b", 8, earlierRun, 1, 1, EnvelopeKind.CHAT, "old1",
                        "alice@node-a", "bob@node-b", earlierRun, null);
                Envelope recorded = old.sealed(org.parley.federation.auth.PairKey.of(nodeA, "node-a", "node-b",
                        org.parley.protocol.crypto.Base64Key.decode(nodeB.agreementKey(), 32, "key")).tag(old, body));
                rogue.send(recorded, body);
                await().atMost(Cluster.CONVERGE).until(() -> b.federation().refusedItems() > before);

                // THEN bob gets only what alice sends now
                alice.send(new Send("m1", "bob@node-b"), "today".getBytes(UTF_8));
                assertEquals(List.of("today"), texts(bob.awaitDeliveries(1, 30)));
            }
        }
    }

    /** Config that trusts {@code rogue}: it links in good standing, so what it sends is judged on its merits. */
    @Test
    void aPieceOfAFileOnABulkStreamSpeaksOnlyForItsOwnNodesUsers(Vertx vertx) throws Exception {
        try (RogueNode rogue = new RogueNode(vertx, "rogue")) {
            Node a = cluster.start("node-a");
            Node b = cluster.start("node-b", trusting(rogue), a.s2sPort());
            try (TestClient alice = TestClient.login(a.port(), "alice");
                 TestClient bob = TestClient.login(b.port(), "bob")) {
                cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));
                linkRogue(rogue, b);
                rogue.send(new BulkOpen(1, "file"), new byte[0]);
                assertEquals(1, rogue.await(BulkCredit.class).stream());

                // WHEN the rogue sends bob a piece in alice's name, then one in its own user's
                rogue.send(new BulkData(1, 1, piece("forged-1", "alice@node-a").length, 0, true),
                        concat(piece("forged-1", "alice@node-a"), new FileChunk("f", 0, false, new byte[100]).encode()));
                BulkSettle forged = rogue.await(BulkSettle.class);
                rogue.send(new BulkData(1, 2, piece("own-1", "eve@rogue").length, 0, true),
                        concat(piece("own-1", "eve@rogue"), new FileChunk("f", 0, false, new byte[100]).encode()));

                // THEN the forged one is refused and never reaches bob; the rogue's own user's does
                assertEquals(1, forged.seq());
                assertEquals("refused", forged.how());
                assertEquals("refused", forged.refusal());
                Delivery first = bob.awaitType(Delivery.class);
                assertEquals("own-1", first.id());
                assertEquals("eve@rogue", first.from());
            }
        }
    }

    /** What a node puts before a piece's body on a bulk stream: id, from, to, sent at. */
    private static byte[] piece(String id, String from) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeUTF(id);
            out.writeUTF(from);
            out.writeUTF("bob@node-b");
            out.writeLong(System.currentTimeMillis());
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static Map<String, Object> trusting(RogueNode rogue) {
        return Map.of("peerFingerprints", Map.of("rogue", rogue.identity().fingerprint()));
    }

    /**
     * Links the rogue to {@code node} and publishes its node record there, so the node can check its
     * tags; returns the rogue's run, the stream number of what it sends in its own name.
     */
    private static long linkRogue(RogueNode rogue, Node node) throws Exception {
        rogue.connect(node.s2sPort()).await(PeerProof.class);
        long version = System.currentTimeMillis() * 1000;
        rogue.send(new GossipDelta("rogue", 0, List.of(EntrySigner.sign(rogue.identity(),
                DirectoryEntry.ofNode(rogue.record(List.of(node.name()), version), version)))));
        await().atMost(Cluster.CONVERGE).until(() -> node.federation().directory().node("rogue").isPresent()
                && node.federation().linkedPeers().toCompletionStage().toCompletableFuture().get().contains("rogue"));
        return version / 1000;
    }

    private static void sealed(RogueNode rogue, NodeRecord destination, Envelope envelope, String text) {
        byte[] body = text.getBytes(UTF_8);
        rogue.send(rogue.sealed(envelope, body, destination), body);
    }

    private static Frame<ServerMessage> firstDeliveryOrReceipt(TestClient client) throws InterruptedException {
        while (true) {
            Frame<ServerMessage> frame = client.next();
            assertFalse(frame == null, "nothing arrived");
            if (frame.header() instanceof Delivery || frame.header() instanceof Receipt) {
                return frame;
            }
        }
    }

    private static List<String> texts(List<Frame<ServerMessage>> deliveries) {
        return deliveries.stream().map(f -> new String(f.body(), UTF_8)).toList();
    }
}
