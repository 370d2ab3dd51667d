package org.parley.federation.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.wire.GossipDelta;
import org.parley.federation.wire.SignedEntry;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Presence;

/**
 * The gossip engine between nodes of an in-memory network without loss or delay, and against a
 * peer played by hand: the exchange of digests and deltas, which version wins, quotas, and that
 * nothing is sent back where it came from. Real engines, directories and signatures throughout.
 */
class GossipEngineTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final GossipNetwork network = new GossipNetwork(7, DirectoryQuotas.DEFAULTS);

    @Test
    void aLinkThatComesUpBringsBothSidesUpToDate() {
        // GIVEN two nodes that know nothing of each other
        GossipNode a = network.add("node-a", List.of("node-b"), 2);
        GossipNode b = network.add("node-b", List.of("node-a"), 1);

        // WHEN their link comes up
        network.link("node-a", "node-b");
        network.runFor(0);

        // THEN each holds the other's record and users, at the versions their origin issued
        assertTrue(network.converged());
        assertTrue(b.directory().user(new UserAddress("u1", "node-a")).isPresent());
        assertTrue(a.directory().user(new UserAddress("u0", "node-b")).isPresent());
        assertEquals(List.of("node-b"), b.directory().node("node-a").orElseThrow().links());
        assertEquals(a.directory().digest(), b.directory().digest());
        assertEquals(List.of(), network.violations());
    }

    @Test
    void aNewerVersionWinsAndAReplayedOlderOneChangesNothing() {
        network.add("node-a", List.of("node-b"), 1);
        GossipNode b = network.add("node-b", List.of("node-a"), 0);
        List<GossipDelta> fromA = new ArrayList<>();
        network.emulator().tap((from, to, message) -> {
            if (from.equals("node-a") && message instanceof GossipDelta delta) {
                fromA.add(delta);
            }
        });
        network.link("node-a", "node-b");
        network.runFor(0);
        List<GossipDelta> online = List.copyOf(fromA);

        // WHEN node-a says its user went away
        network.node("node-a").engine().publishUser(new UserRecord("u0", "signing-node-a-0", "agreement-node-a-0",
                Presence.AWAY, 1));
        network.runFor(0);
        Map<String, Long> newest = b.held();
        // and the deltas that said it was online arrive again
        online.forEach(delta -> b.engine().onDelta(network.emulator().peer("node-b", "node-a"), delta));
        network.runFor(0);

        // THEN node-b holds the newest, and the replay changed nothing
        assertEquals(Presence.AWAY, b.directory().user(new UserAddress("u0", "node-a")).orElseThrow().presence());
        assertEquals(newest, b.held());
        assertTrue(network.converged());
        assertEquals(List.of(), network.violations());
    }

    @Test
    void aDeltaLargerThanTheQuotaIsRefusedWhole() {
        GossipNode b = network.add("node-b", List.of("node-a"), 0);
        RecordingPeer a = new RecordingPeer("node-a");
        List<DirectoryEntry> entries = entriesOf(network.identity("node-a"), 256);

        // WHEN node-a sends one entry more than a delta may hold, then as many as it may
        b.engine().onDelta(a, delta(network.identity("node-a"), 0, entries));
        network.runFor(0);
        assertTrue(b.directory().node("node-a").isEmpty(), "nothing of the oversized delta is taken");
        b.engine().onDelta(a, delta(network.identity("node-a"), 0, entries.subList(0, 256)));
        network.runFor(0);

        // THEN only the second is taken
        assertEquals(255, b.directory().users().size());
    }

    @Test
    void aLinkThatSendsFasterThanItsRateIsRefusedUntilTokensGrowBack() {
        GossipNetwork slow = new GossipNetwork(7, new DirectoryQuotas(10_000, 10, 256, 256));
        GossipNode b = slow.add("node-b", List.of("node-a"), 0);
        RecordingPeer a = new RecordingPeer("node-a");
        List<DirectoryEntry> entries = entriesOf(slow.identity("node-a"), 265);
        GossipDelta first = delta(slow.identity("node-a"), 0, entries.subList(0, 256));
        GossipDelta second = delta(slow.identity("node-a"), entries.get(255).version(), entries.subList(256, 266));

        // WHEN node-a sends its whole burst and then ten entries more at once
        b.engine().onDelta(a, first);
        b.engine().onDelta(a, second);
        slow.runFor(0);

        // THEN the ten wait: sent again once tokens grew back (ten a second), they are taken
        assertEquals(255, b.directory().users().size());
        slow.runFor(2 * SECOND);
        b.engine().onDelta(a, second);
        slow.runFor(0);
        assertEquals(265, b.directory().users().size());
    }

    @Test
    void newUsersOfANodePastItsCapAreNotTakenNorAskedForAgain() {
        GossipNetwork capped = new GossipNetwork(7, new DirectoryQuotas(10, 1_000, 20_000, 256));
        GossipNode a = capped.add("node-a", List.of("node-b"), 20);
        GossipNode b = capped.add("node-b", List.of("node-a"), 0);
        List<GossipDelta> deltasToB = new ArrayList<>();
        capped.emulator().tap((from, to, message) -> {
            if (to.equals("node-b") && message instanceof GossipDelta delta) {
                deltasToB.add(delta);
            }
        });

        capped.link("node-a", "node-b");
        capped.startDigests();
        capped.runFor(SECOND);
        int deltasAtFirst = deltasToB.size();
        capped.runFor(5 * GossipNetwork.GOSSIP_INTERVAL_NANOS);

        assertEquals(10, b.directory().users().size());
        assertEquals(a.directory().versionOf("node-a"), b.directory().versionOf("node-a"));
        assertEquals(deltasAtFirst, deltasToB.size(), "later digests found nothing missing");
    }

    @Test
    void nothingIsSentBackWhereItCameFrom() {
        // GIVEN a line of three nodes, each with users of its own
        network.add("node-a", List.of("node-b"), 3);
        network.add("node-b", List.of("node-a", "node-c"), 3);
        network.add("node-c", List.of("node-b"), 3);
        Map<String, Set<String>> sentOn = new HashMap<>();
        network.emulator().tap((from, to, message) -> {
            if (message instanceof GossipDelta delta) {
                for (SignedEntry signed : delta.entries()) {
                    sentOn.computeIfAbsent(from + ">" + to, k -> new HashSet<>()).add(signed.entry());
                }
            }
        });

        // WHEN they link, gossip for a while, and node-a's users change
        network.link("node-a", "node-b");
        network.link("node-b", "node-c");
        network.startDigests();
        network.runFor(3 * GossipNetwork.GOSSIP_INTERVAL_NANOS);
        network.node("node-a").engine().publishUser(new UserRecord("u0", "s", "a", Presence.AWAY, 1));
        network.runFor(3 * GossipNetwork.GOSSIP_INTERVAL_NANOS);

        // THEN everything went everywhere, and no entry went back on the link it came on
        assertTrue(network.converged());
        for (String[] link : new String[][] {{"node-a", "node-b"}, {"node-b", "node-c"}}) {
            Set<String> there = sentOn.getOrDefault(link[0] + ">" + link[1], Set.of());
            Set<String> back = sentOn.getOrDefault(link[1] + ">" + link[0], Set.of());
            assertFalse(there.isEmpty() || back.isEmpty());
            assertTrue(there.stream().noneMatch(back::contains), "an entry echoed between " + link[0] + " and "
                    + link[1]);
        }
        assertEquals(List.of(), network.violations());
    }

    @Test
    void aDeltaWithAnEntryNotSignedByItsOriginIsRefusedWhole() {
        GossipNode b = network.add("node-b", List.of("node-a"), 0);
        RecordingPeer a = new RecordingPeer("node-a");
        NodeIdentity origin = network.identity("node-a");
        List<DirectoryEntry> entries = entriesOf(origin, 1);

        b.engine().onDelta(a, new GossipDelta("node-a", 0, List.of(EntrySigner.sign(origin, entries.get(0)),
                EntrySigner.sign(network.identity("rogue"), entries.get(1)))));
        network.runFor(0);
        assertTrue(b.directory().node("node-a").isEmpty());

        b.engine().onDelta(a, delta(origin, 0, entries));
        network.runFor(0);
        assertEquals(1, b.directory().users().size(), "the same entries signed by their origin are taken");
    }

    /** {@code origin}'s record and {@code users} users, at growing versions. */
    private List<DirectoryEntry> entriesOf(NodeIdentity origin, int users) {
        long version = network.clock().currentTimeMillis() * 1000;
        List<DirectoryEntry> entries = new ArrayList<>();
        entries.add(DirectoryEntry.ofNode(new NodeRecord(origin.name(), Base64Key.encode(origin.publicKey()),
                Base64Key.encode(origin.agreementPublic()), List.of("node-b"), Map.of(), version), version));
        for (int i = 0; i < users; i++) {
            entries.add(DirectoryEntry.ofUser(origin.name(), new UserRecord("u" + i, "s", "a", Presence.ONLINE, 1),
                    version + 1 + i));
        }
        return entries;
    }

    private static GossipDelta delta(NodeIdentity origin, long from, List<DirectoryEntry> entries) {
        return new GossipDelta(origin.name(), from, entries.stream().map(e -> EntrySigner.sign(origin, e)).toList());
    }
}
