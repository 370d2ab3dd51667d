package org.parley.node.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.federation.PeerAddress;
import org.parley.node.config.FederationSettings;
import org.parley.node.config.NodeConfigLoader;
import org.parley.protocol.discovery.FoundNode;
import org.parley.protocol.discovery.NodeAnnouncement;

class DiscoveredPeersTest {

    private static final String KEY_B = "SHA256:" + "B".repeat(42) + "E";
    private static final String KEY_OTHER = "SHA256:" + "C".repeat(42) + "E";

    private static FoundNode found(String name, String key) {
        return new FoundNode("192.168.1.20", new NodeAnnouncement(name, 2020, 5051, 2443, 7071, key, 1));
    }

    private static FederationSettings federation(Map<String, ?> settings) {
        return NodeConfigLoader.of(settings).load().federation();
    }

    @Test
    void closedFederationLinksWithAConfiguredPeerThatAnnouncesItsConfiguredKey() {
        // GIVEN node-a trusts node-b's key
        DiscoveredPeers peers = new DiscoveredPeers("node-a", federation(Map.of("peerFingerprints",
                Map.of("node-b", KEY_B))));

        // WHEN node-b is found on the LAN
        LinkDecision decision = peers.decide(found("node-b", KEY_B), Set.of());

        // THEN node-a dials its S2S port at the address it was found at
        assertEquals(new LinkDecision.Link(new PeerAddress("192.168.1.20", 5051)), decision);
    }

    @Test
    void closedFederationDoesNotLinkWithANodeItDoesNotTrustAndSaysWhatToAdd() {
        DiscoveredPeers peers = new DiscoveredPeers("node-a", federation(Map.of()));

        LinkDecision decision = peers.decide(found("node-x", KEY_OTHER), Set.of());

        LinkDecision.Refuse refuse = assertInstanceOf(LinkDecision.Refuse.class, decision);
        assertTrue(refuse.reason().contains("not in peerFingerprints"), refuse.reason());
        assertTrue(refuse.reason().contains("\"node-x\": \"" + KEY_OTHER + "\""), refuse.reason());
    }

    @Test
    void anAnnouncedKeyOtherThanTheConfiguredOneIsNotDialled() {
        // GIVEN a node on the LAN that calls itself node-b with another key
        DiscoveredPeers peers = new DiscoveredPeers("node-a", federation(Map.of("peerFingerprints",
                Map.of("node-b", KEY_B))));

        LinkDecision decision = peers.decide(found("node-b", KEY_OTHER), Set.of());

        LinkDecision.Refuse refuse = assertInstanceOf(LinkDecision.Refuse.class, decision);
        assertTrue(refuse.reason().contains("another node may be using its name"), refuse.reason());
    }

    @Test
    void allowedPeersLimitsEvenOpenFederation() {
        DiscoveredPeers peers = new DiscoveredPeers("node-a", federation(Map.of("federation", "open",
                "allowedPeers", java.util.List.of("node-b"))));

        assertInstanceOf(LinkDecision.Link.class, peers.decide(found("node-b", KEY_B), Set.of()));
        assertInstanceOf(LinkDecision.Refuse.class, peers.decide(found("node-x", KEY_OTHER), Set.of()));
    }

    @Test
    void openFederationDialsAnyNodeFound() {
        DiscoveredPeers peers = new DiscoveredPeers("node-a", federation(Map.of("federation", "open")));

        assertInstanceOf(LinkDecision.Link.class, peers.decide(found("node-x", KEY_OTHER), Set.of()));
    }

    @Test
    void itselfANodeLinkedAlreadyAndANodeDialledOnceAreLeftAlone() {
        DiscoveredPeers peers = new DiscoveredPeers("node-a", federation(Map.of("federation", "open",
                "peers", java.util.List.of("192.168.1.20:5051"))));

        assertInstanceOf(LinkDecision.Known.class, peers.decide(found("node-a", KEY_OTHER), Set.of()));
        assertInstanceOf(LinkDecision.Known.class, peers.decide(found("node-c", KEY_OTHER), Set.of("node-c")));
        // node-b's address is a configured peer's: the federation dials it already
        assertInstanceOf(LinkDecision.Known.class, peers.decide(found("node-b", KEY_B), Set.of()));
        FoundNode nodeD = new FoundNode("192.168.1.21", found("node-d", KEY_OTHER).announcement());
        assertInstanceOf(LinkDecision.Link.class, peers.decide(nodeD, Set.of()));
        assertInstanceOf(LinkDecision.Known.class, peers.decide(nodeD, Set.of()));
    }
}
