package org.parley.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.federation.gossip.DirectoryEntry;
import org.parley.federation.gossip.EntrySigner;
import org.parley.federation.gossip.NodeRecord;
import org.parley.federation.gossip.UserRecord;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.wire.GossipDelta;
import org.parley.federation.wire.LinkClose;
import org.parley.federation.wire.PeerProof;
import org.parley.federation.wire.PeerWire;
import org.parley.federation.wire.SignedEntry;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.Send;

/** Nodes that lie: forged gossip, a changed key, a node that is not allowed, a client that forges its sender. */
class FederationSecurityTest extends ClusterTest {

    @Test
    void gossipAboutAnotherNodesUsersSignedByTheWrongKeyOrNotAtAllIsRefused(Vertx vertx) throws Exception {
        // node-a's operator configured the rogue: what matters is what it says once linked
        NodeIdentity rogueKey = RogueNode.freshIdentity("rogue");
        Node a = cluster.start("node-a", Map.of("peerFingerprints", Map.of("rogue", rogueKey.fingerprint())));
        Node b = cluster.start("node-b", a.s2sPort());
        try (TestClient bob = TestClient.login(b.port(), "bob");
             RogueNode rogue = new RogueNode(vertx, rogueKey)) {
            cluster.awaitConverged(List.of("bob@node-b"));
            rogue.connect(a.s2sPort()).await(PeerProof.class);
            // the link must be up, so what follows is refused for what it says, not for coming early
            await().atMost(Cluster.CONVERGE).until(() -> a.federation().linkedPeers()
                    .toCompletionStage().toCompletableFuture().get().contains("rogue"));
            UserAddress bobAddress = new UserAddress("bob", "node-b");
            UserRecord bobBefore = a.federation().directory().user(bobAddress).orElseThrow();
            long heldOfB = a.federation().directory().versionOf("node-b");
            IdentityKeys malloryKeys = IdentityKeys.generate(new java.security.SecureRandom());

            // WHEN the rogue claims a new user of node-b and a new key for bob, signed with its own key
            UserRecord mallory = new UserRecord("mallory", Base64Key.encode(malloryKeys.signingPublic()),
                    Base64Key.encode(malloryKeys.agreementPublic()), Presence.ONLINE, 1);
            UserRecord fakeBob = new UserRecord("bob", Base64Key.encode(malloryKeys.signingPublic()),
                    Base64Key.encode(malloryKeys.agreementPublic()), Presence.ONLINE, 1);
            long version = System.currentTimeMillis() * 1000 + 999_999;
            rogue.send(new GossipDelta("node-b", heldOfB, List.of(
                    EntrySigner.sign(rogue.identity(), DirectoryEntry.ofUser("node-b", mallory, version)),
                    EntrySigner.sign(rogue.identity(), DirectoryEntry.ofUser("node-b", fakeBob, version + 1)))));
            // and again with no signature at all
            SignedEntry unsigned = EntrySigner.sign(rogue.identity(), DirectoryEntry.ofUser("node-b", mallory, version));
            rogue.send(new GossipDelta("node-b", heldOfB, List.of(new SignedEntry(unsigned.entry(), ""))));
            // and a node record for node-b carrying the rogue's key
            rogue.send(new GossipDelta("node-b", heldOfB, List.of(EntrySigner.sign(rogue.identity(),
                    DirectoryEntry.ofNode(new NodeRecord("node-b", Base64Key.encode(rogue.identity().publicKey()),
                            Base64Key.encode(rogue.identity().agreementPublic()), List.of("rogue"), Map.of(),
                            version), version)))));
            // then something true about itself, which node-a checks after the lies
            rogue.send(new GossipDelta("rogue", 0, List.of(
                    EntrySigner.sign(rogue.identity(), DirectoryEntry.ofNode(rogue.record(List.of("node-a"), version), version)),
                    EntrySigner.sign(rogue.identity(), DirectoryEntry.ofUser("rogue", mallory, version + 1)))));
            await().atMost(Cluster.CONVERGE).until(() ->
                    a.federation().directory().user(new UserAddress("mallory", "rogue")).isPresent());

            // THEN node-a's view of node-b is unchanged
            assertEquals(Optional.empty(), a.federation().directory().user(new UserAddress("mallory", "node-b")));
            assertEquals(Optional.of(bobBefore), a.federation().directory().user(bobAddress));
            assertEquals(heldOfB, a.federation().directory().versionOf("node-b"));
        }
    }

    @Test
    void aPeerPresentingAChangedKeyIsRefusedWithBothFingerprints(Vertx vertx) throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        cluster.awaitConverged(List.of());

        try (RogueNode impostor = new RogueNode(vertx, "node-b").connect(a.s2sPort())) {
            LinkClose refusal = impostor.await(LinkClose.class);
            assertTrue(refusal.reason().contains("presented key " + impostor.identity().fingerprint()),
                    refusal.reason());
            assertTrue(refusal.reason().contains(b.federation().fingerprint()), refusal.reason());
        }
        assertTrue(a.federation().linkedPeers().toCompletionStage().toCompletableFuture().get().contains("node-b"));
    }

    @Test
    void aNodeOutsideAllowedPeersIsRefused(Vertx vertx) throws Exception {
        Node a = cluster.start("node-a", Map.of("allowedPeers", List.of("node-b")));
        cluster.start("node-b", a.s2sPort());
        cluster.awaitConverged(List.of());

        try (RogueNode stranger = new RogueNode(vertx, "node-x").connect(a.s2sPort())) {
            LinkClose refusal = stranger.await(LinkClose.class);
            assertTrue(refusal.reason().contains("not in this node's allowedPeers"), refusal.reason());
        }
    }

    @Test
    void aNodeSpeakingAnotherLinkVersionIsRefusedWithBothVersions(Vertx vertx) throws Exception {
        Node a = cluster.start("node-a", Map.of());

        try (RogueNode old = new RogueNode(vertx, "node-old").speaking(1).connect(a.s2sPort())) {
            LinkClose refusal = old.await(LinkClose.class);
            assertTrue(refusal.reason().contains("speaks link protocol version 1; node-a speaks " + PeerWire.VERSION),
                    refusal.reason());
        }
        assertTrue(a.federation().directory().node("node-old").isEmpty(), "node-old made it into the directory");
    }

    @Test
    void aFingerprintFromConfigIsTrustedAndAnyOtherKeyRefused(Vertx vertx) throws Exception {
        try (RogueNode trusted = new RogueNode(vertx, "node-b");
             RogueNode other = new RogueNode(vertx, "node-b")) {
            Node a = cluster.start("node-a", Map.of("peerFingerprints", Map.of("node-b",
                    trusted.identity().fingerprint())));

            // a node-b with another key is refused before any first contact could pin it
            other.connect(a.s2sPort());
            LinkClose refusal = other.await(LinkClose.class);
            assertTrue(refusal.reason().contains("trusts " + trusted.identity().fingerprint()), refusal.reason());

            // the node-b with the configured key links
            trusted.connect(a.s2sPort());
            trusted.await(PeerProof.class);
            await().atMost(Cluster.CONVERGE).until(() ->
                    a.federation().linkedPeers().toCompletionStage().toCompletableFuture().get().contains("node-b"));
        }
    }

    @Test
    void aClientCannotSendAcrossNodesAsSomeoneElse() throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        try (TestClient mallory = TestClient.login(a.port(), "mallory");
             TestClient bob = TestClient.login(b.port(), "bob")) {
            cluster.awaitConverged(List.of("mallory@node-a", "bob@node-b"));

            // a send header with a "from" field the protocol does not have: the node ignores it
            mallory.sendRaw(RawFrames.frame("{\"type\":\"send\",\"id\":\"m1\",\"to\":\"bob@node-b\","
                    + "\"from\":\"alice@node-a\"}", "it is me, alice".getBytes(UTF_8)));

            Delivery delivery = (Delivery) bob.awaitFrame(Delivery.class).header();
            assertEquals("mallory@node-a", delivery.from());
        }
    }
}
