package org.parley.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.federation.gossip.DirectoryEntry;
import org.parley.federation.gossip.EntrySigner;
import org.parley.federation.gossip.NodeRecord;
import org.parley.federation.gossip.UserRecord;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.wire.GossipDelta;
import org.parley.federation.wire.GossipDigest;
import org.parley.federation.wire.LinkClose;
import org.parley.federation.wire.PeerProof;
import org.parley.federation.wire.SignedEntry;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.crypto.Fingerprint;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.Send;
import picocli.CommandLine;

/**
 * Closed federation: a node links only with the peers its operator configured, believes other nodes
 * only on a believed node's vouch, and never lets a pinned name change key.
 */
class FederationTrustTest extends ClusterTest {

    @Test
    void aNodeWithAKeyNobodyConfiguredIsRefusedAndToldWhatToDo(Vertx vertx) throws Exception {
        // GIVEN node-a as it starts by default
        Node a = cluster.startTrusting("node-a", List.of(), Map.of());

        // WHEN a node with a fresh key dials it
        try (RogueNode stranger = new RogueNode(vertx, "node-x").connect(a.s2sPort())) {

            // THEN it is refused with what the operator would have to do to let it in
            LinkClose refusal = stranger.await(LinkClose.class);
            assertTrue(refusal.reason().contains("node node-x is not one of node-a's configured peers"), refusal.reason());
            assertTrue(refusal.reason().contains("peerFingerprints as \"node-x\": \""
                    + stranger.identity().fingerprint() + "\""), refusal.reason());
            assertTrue(refusal.reason().contains("`parley-node fingerprint`"), refusal.reason());
        }
        assertEquals(Set.of(), a.federation().linkedPeers().toCompletionStage().toCompletableFuture().get());
        assertTrue(a.federation().directory().node("node-x").isEmpty());
    }

    @Test
    void twoNodesConfiguredWithTheFingerprintsParleyNodePrintsLink() throws Exception {
        // GIVEN each operator runs `parley-node fingerprint` on their node before it ever started
        String printedA = printedFingerprint("node-a");
        String printedB = printedFingerprint("node-b");
        assertEquals(printedA, printedFingerprint("node-a"), "a second run prints the same key");

        // WHEN each node is configured with the other's printed fingerprint, and nothing else
        Node a = cluster.startTrusting("node-a", List.of(), Map.of("peerFingerprints", Map.of("node-b", printedB)));
        Node b = cluster.startTrusting("node-b", List.of(), Map.of("peerFingerprints", Map.of("node-a", printedA)),
                a.s2sPort());

        // THEN they link, each with the key that was printed
        cluster.awaitConverged(List.of());
        assertEquals(printedA, a.federation().fingerprint());
        assertEquals(printedB, b.federation().fingerprint());
    }

    @Test
    void aTrustedPeerCannotSquatAnUnusedNameAndTheRealNodeJoinsLater(Vertx vertx) throws Exception {
        // GIVEN node-a, whose operator configured node-b and a peer that turns out to be a rogue
        NodeIdentity rogueKey = RogueNode.freshIdentity("rogue");
        Node a = cluster.startTrusting("node-a", List.of("node-b"),
                Map.of("peerFingerprints", Map.of("rogue", rogueKey.fingerprint())));
        try (LogLines log = new LogLines();
             RogueNode rogue = new RogueNode(vertx, rogueKey)) {
            linked(rogue, a);

            // WHEN the rogue publishes a record for the unused name node-c with its own key, vouched by nobody
            long version = System.currentTimeMillis() * 1000;
            rogue.send(new GossipDelta("node-c", 0, List.of(nodeRecord(rogueKey, "node-c", version))));
            // then its own record, so that node-a has checked the lie once it holds the truth
            rogue.send(new GossipDelta("rogue", 0, List.of(EntrySigner.sign(rogueKey,
                    DirectoryEntry.ofNode(rogue.record(List.of("node-a"), version), version)))));
            await().atMost(Cluster.CONVERGE).until(() -> a.federation().directory().node("rogue").isPresent());

            // THEN node-a neither lists node-c nor pins the rogue's key for it, and says why
            assertTrue(a.federation().directory().node("node-c").isEmpty());
            assertFalse(log.containing("Refused gossip from node rogue about node node-c",
                    "no node that node-a believes vouches for node node-c").isEmpty());

            // AND the real node-c, configured by node-b that node-a trusts, joins and is believed on node-b's word
            Node b = cluster.startTrusting("node-b", List.of("node-a", "node-c"), Map.of(), a.s2sPort());
            Node c = cluster.startTrusting("node-c", List.of("node-b"), Map.of(), b.s2sPort());
            try (TestClient carol = TestClient.login(c.port(), "carol")) {
                await().atMost(Cluster.CONVERGE).until(() ->
                        a.federation().directory().user(new UserAddress("carol", "node-c")).isPresent());
                assertEquals(cluster.fingerprint("node-c"), fingerprintOf(a, "node-c"));
            }
        }
    }

    @Test
    void aVouchForAPinnedNameWithAnotherKeyIsRefusedAndThePinKept(Vertx vertx) throws Exception {
        // GIVEN node-a linked with node-b, and with a rogue its operator configured
        NodeIdentity rogueKey = RogueNode.freshIdentity("rogue");
        Node a = cluster.startTrusting("node-a", List.of("node-b"),
                Map.of("peerFingerprints", Map.of("rogue", rogueKey.fingerprint())));
        Node b = cluster.startTrusting("node-b", List.of("node-a"), Map.of(), a.s2sPort());
        try (LogLines log = new LogLines();
             TestClient bob = TestClient.login(b.port(), "bob");
             RogueNode rogue = new RogueNode(vertx, rogueKey)) {
            cluster.awaitConverged(List.of("bob@node-b"));
            linked(rogue, a);

            // WHEN the rogue vouches for node-b with its own key, then offers a node-b record with that key
            long version = System.currentTimeMillis() * 1000 + 999_999;
            rogue.send(new GossipDelta("rogue", 0, List.of(EntrySigner.sign(rogueKey, DirectoryEntry.ofNode(
                    rogue.record(List.of("node-a"), Map.of("node-b", rogueKey.fingerprint()), version), version)))));
            rogue.send(new GossipDelta("node-b", 0, List.of(nodeRecord(rogueKey, "node-b", version))));

            // THEN node-a logs the refused vouch and the refused record, each with both fingerprints
            String real = b.federation().fingerprint();
            await().atMost(Cluster.CONVERGE).until(() -> !log.containing("node rogue vouches for node node-b with key "
                    + rogueKey.fingerprint(), "trusts " + real, "the vouch is refused").isEmpty());
            await().atMost(Cluster.CONVERGE).until(() -> !log.containing("Refused gossip from node rogue about node"
                    + " node-b", rogueKey.fingerprint(), real).isEmpty());
            // AND keeps node-b as it was: its key, its link, its users
            assertEquals(real, fingerprintOf(a, "node-b"));
            assertTrue(a.federation().linkedPeers().toCompletionStage().toCompletableFuture().get().contains("node-b"));
            assertTrue(a.federation().directory().user(new UserAddress("bob", "node-b")).isPresent());
        }
    }

    @Test
    void gossipRefusedForWantOfAVouchIsAskedForAgainOnceTheVouchArrives(Vertx vertx) throws Exception {
        // GIVEN node-a linked with a peer its operator configured
        NodeIdentity peerKey = RogueNode.freshIdentity("peer");
        NodeIdentity z = RogueNode.freshIdentity("node-z");
        Node a = cluster.startTrusting("node-a", List.of(), Map.of("peerFingerprints", Map.of("peer",
                peerKey.fingerprint())));
        try (LogLines log = new LogLines();
             RogueNode peer = new RogueNode(vertx, peerKey)) {
            linked(peer, a);

            // WHEN the peer relays node-z's entries before its own record that vouches for node-z
            long version = System.currentTimeMillis() * 1000;
            IdentityKeys keys = IdentityKeys.generate(new java.security.SecureRandom());
            GossipDelta ofZ = new GossipDelta("node-z", 0, List.of(
                    nodeRecord(z, "node-z", version),
                    EntrySigner.sign(z, DirectoryEntry.ofUser("node-z", new UserRecord("zoe",
                            Base64Key.encode(keys.signingPublic()), Base64Key.encode(keys.agreementPublic()),
                            Presence.ONLINE, 1), version + 1))));
            peer.send(ofZ);
            await().atMost(Cluster.CONVERGE).until(() -> !log.containing("Refused gossip from node peer about node"
                    + " node-z").isEmpty());
            peer.send(new GossipDelta("peer", 0, List.of(EntrySigner.sign(peerKey, DirectoryEntry.ofNode(
                    peer.record(List.of("node-a"), Map.of("node-z", z.fingerprint()), version), version)))));

            // THEN node-a asks for node-z's entries again at once, and believes them when they come
            awaitDigestAskingAgainFor(peer, "node-z");
            peer.send(ofZ);
            await().atMost(Cluster.CONVERGE).until(() ->
                    a.federation().directory().user(new UserAddress("zoe", "node-z")).isPresent());
        }
    }

    /** Connects {@code rogue} to {@code a} and waits until node-a has the link up. */
    private static void linked(RogueNode rogue, Node a) throws Exception {
        rogue.connect(a.s2sPort()).await(PeerProof.class);
        await().atMost(Cluster.CONVERGE).until(() -> a.federation().linkedPeers()
                .toCompletionStage().toCompletableFuture().get().contains(rogue.identity().name()));
    }

    /** A record for node {@code name} carrying {@code signer}'s key, signed by it: true only if the name is its own. */
    private static SignedEntry nodeRecord(NodeIdentity signer, String name, long version) {
        return EntrySigner.sign(signer, DirectoryEntry.ofNode(new NodeRecord(name, Base64Key.encode(signer.publicKey()),
                Base64Key.encode(signer.agreementPublic()), List.of(), Map.of(), version), version));
    }

    /** Skips digests until one lists {@code origin} at -1: "offer its entries again from the start". */
    private static void awaitDigestAskingAgainFor(RogueNode peer, String origin) throws InterruptedException {
        long deadline = System.nanoTime() + Cluster.CONVERGE.toNanos();
        while (System.nanoTime() < deadline) {
            if (peer.await(GossipDigest.class).versions().getOrDefault(origin, 0L) == -1) {
                return;
            }
        }
        throw new AssertionError("node-a never asked again for the entries of " + origin);
    }

    @Test
    void aLineOfThreeTrustingOnlyNeighboursConvergesThroughVouchesAndDelivers() throws Exception {
        // GIVEN node-a - node-b - node-c, each configured with its neighbours only
        try (LogLines log = new LogLines()) {
            Node a = cluster.startTrusting("node-a", List.of("node-b"), Map.of());
            Node b = cluster.startTrusting("node-b", List.of("node-a", "node-c"), Map.of(), a.s2sPort());
            cluster.startTrusting("node-c", List.of("node-b"), Map.of(), b.s2sPort());
            try (TestClient alice = TestClient.login(a.port(), "alice");
                 TestClient carol = TestClient.login(cluster.node("node-c").port(), "carol")) {

                // WHEN the directory has spread
                cluster.awaitConverged(List.of("alice@node-a", "carol@node-c"));

                // THEN node-a believes node-c on node-b's word, and the other way round
                assertFalse(log.containing("Pinned the key of node node-c", "vouched for by node node-b").isEmpty());
                assertFalse(log.containing("Pinned the key of node node-a", "vouched for by node node-b").isEmpty());
                // AND alice's message reaches carol across node-b
                alice.send(new Send("m1", "carol@node-c"), "hello across the line".getBytes(UTF_8));
                Delivery delivery = (Delivery) carol.awaitFrame(Delivery.class).header();
                assertEquals("alice@node-a", delivery.from());
            }
        }
    }

    @Test
    void openFederationLetsANodeWithAFreshKeyLink(Vertx vertx) throws Exception {
        // GIVEN node-a whose operator chose open federation
        Node a = cluster.startTrusting("node-a", List.of(), Map.of("federation", "open"));

        // WHEN a node with a key nobody configured dials it, and tells of a user
        try (RogueNode newcomer = new RogueNode(vertx, "node-x").connect(a.s2sPort())) {
            newcomer.await(PeerProof.class);
            long version = System.currentTimeMillis() * 1000;
            IdentityKeys keys = IdentityKeys.generate(new java.security.SecureRandom());
            newcomer.send(new GossipDelta("node-x", 0, List.of(
                    EntrySigner.sign(newcomer.identity(), DirectoryEntry.ofNode(newcomer.record(List.of("node-a"),
                            version), version)),
                    EntrySigner.sign(newcomer.identity(), DirectoryEntry.ofUser("node-x", new UserRecord("xena",
                            Base64Key.encode(keys.signingPublic()), Base64Key.encode(keys.agreementPublic()),
                            Presence.ONLINE, 1), version + 1)))));

            // THEN it links and is believed on first contact
            await().atMost(Cluster.CONVERGE).until(() ->
                    a.federation().directory().user(new UserAddress("xena", "node-x")).isPresent());
            assertTrue(a.federation().linkedPeers().toCompletionStage().toCompletableFuture().get().contains("node-x"));
        }
    }

    /** The fingerprint of the key {@code node} holds for node {@code name}, from its record in the directory. */
    private static String fingerprintOf(Node node, String name) {
        return Fingerprint.of(Base64Key.decode(node.federation().directory().node(name).orElseThrow().key(), 32, "key"));
    }

    /** What {@code parley-node fingerprint} prints for a node with its data in the cluster's folder. */
    private String printedFingerprint(String name) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new NodeMain());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("fingerprint", "--name", name, "--data-dir", root.resolve(name).toString());
        assertEquals(0, code, err.toString());
        String printed = out.toString();
        assertTrue(printed.matches("SHA256:[A-Za-z0-9+/]{43}\n"), printed);
        return printed.strip();
    }
}
