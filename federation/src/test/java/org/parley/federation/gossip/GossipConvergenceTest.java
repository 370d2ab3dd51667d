package org.parley.federation.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.federation.emulator.NetworkEmulator;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Presence;

/**
 * Gossip over an emulated network, in the manner of scalecube-cluster's {@code GossipProtocolTest}:
 * for every node count, packet loss and delay, every node comes to hold the same directory, none
 * applies an entry version twice, and it takes no longer than a bound computed from the parameters
 * and the engine's own periods. Time is virtual: the bound is about the protocol, not the machine.
 */
class GossipConvergenceTest {

    /** Users each node starts with. */
    private static final int USERS = 1;

    static Stream<Arguments> networks() {
        List<Arguments> all = new ArrayList<>();
        for (int nodes : new int[] {3, 10, 30}) {
            for (double loss : new double[] {0, 0.1, 0.3}) {
                for (long delayMillis : new long[] {0, 20, 100}) {
                    all.add(Arguments.of(nodes, loss, delayMillis));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} nodes, loss {1}, delay {2} ms")
    @MethodSource("networks")
    void everyNodeComesToHoldTheSameDirectoryInBoundedTime(int nodes, double loss, long delayMillis) {
        // GIVEN a mesh of nodes, each configured with its neighbours, on links that lose and delay messages
        Random random = new Random(1000L * nodes + 100L * Math.round(loss * 10) + delayMillis);
        long delay = TimeUnit.MILLISECONDS.toNanos(delayMillis);
        GossipNetwork network = new GossipNetwork(random.nextLong(), DirectoryQuotas.DEFAULTS);
        network.emulator().defaults(new NetworkEmulator.Conditions(loss, delay));
        Map<String, Set<String>> mesh = mesh(nodes, random);
        mesh.forEach((name, peers) -> network.add(name, List.copyOf(peers), USERS));
        long bound = boundNanos(nodes, diameter(mesh), loss, delay);
        String setting = nodes + " nodes, diameter " + diameter(mesh) + ", loss " + loss + ", delay " + delayMillis
                + " ms: ";

        // WHEN every link comes up at once
        mesh.forEach((name, peers) -> peers.stream().filter(peer -> name.compareTo(peer) < 0)
                .forEach(peer -> network.link(name, peer)));
        network.startDigests();

        // THEN every node holds every node's entries within the bound
        assertConvergesWithin(network, bound, setting + "after the links came up");

        // WHEN, a while later, one node's user goes away
        network.runFor(GossipNetwork.GOSSIP_INTERVAL_NANOS);
        GossipNode origin = network.nodes().get(random.nextInt(nodes));
        origin.engine().publishUser(new UserRecord("u0", "signing-" + origin.name() + "-0",
                "agreement-" + origin.name() + "-0", Presence.AWAY, 1));

        // THEN every node hears of it within the bound
        assertConvergesWithin(network, bound, setting + "after " + origin.name() + " changed a user");
        for (GossipNode node : network.nodes()) {
            assertEquals(Presence.AWAY, node.directory().user(new UserAddress("u0", origin.name())).orElseThrow()
                    .presence(), node.name());
        }
    }

    private static void assertConvergesWithin(GossipNetwork network, long boundNanos, String setting) {
        long start = network.clock().nanoTime();
        // Run well past the bound, so that a miss says by how much.
        boolean converged = network.converge(10 * boundNanos + GossipNetwork.GOSSIP_INTERVAL_NANOS);
        long took = network.clock().nanoTime() - start;
        assertTrue(converged, setting + "not converged after " + took / 1e9 + " s");
        assertTrue(took <= boundNanos, setting + "converged in " + took / 1e9 + " s, past the bound of "
                + boundNanos / 1e9 + " s");
        assertEquals(List.of(), network.violations(), setting);
        // What each node's directory holds, not just what the test counted as it changed.
        Map<String, Long> first = contents(network.nodes().get(0));
        assertEquals(first.size(), (long) network.nodes().size() * (USERS + 1), setting);
        for (GossipNode node : network.nodes()) {
            assertEquals(first, contents(node), setting + node.name());
            assertEquals(node.held(), contents(node), setting + node.name());
        }
    }

    /** Every entry a node's directory holds, by origin and key, with its version. */
    private static Map<String, Long> contents(GossipNode node) {
        Map<String, Long> contents = new HashMap<>();
        for (String origin : node.directory().digest().keySet()) {
            for (Directory.Held held : node.directory().heldNewerThan(origin, 0)) {
                contents.put(origin + "/" + held.entry().key(), held.entry().version());
            }
        }
        return contents;
    }

    /**
     * How long convergence may take. Without loss, pushes carry every entry along the longest
     * shortest path: each hop costs a message and at worst the answer to it (two delays), one more
     * for the digests sent as the links come up. A lost message is repaired by anti-entropy: its
     * sender counts what it sent as on its way for {@link GossipEngine#RESEND_AFTER_NANOS}, then
     * sends it again on the peer's next digest, at most a gossip interval later. A repair needs both
     * the digest and the delta through, so it fails with probability q = 1 - (1 - loss)^2; for any
     * of n nodes still to miss any of n origins' entries after k repairs, all k must have failed for
     * that pair, so k repairs with n^2 q^k below 1 are enough.
     */
    private static long boundNanos(int nodes, int diameter, double loss, long delayNanos) {
        long pushes = (diameter + 1) * 2 * delayNanos;
        if (loss == 0) {
            return pushes;
        }
        double fails = 1 - Math.pow(1 - loss, 2);
        long repairs = (long) Math.ceil(Math.log((double) nodes * nodes) / Math.log(1 / fails));
        return pushes + repairs * (GossipEngine.RESEND_AFTER_NANOS + GossipNetwork.GOSSIP_INTERVAL_NANOS
                + 2 * delayNanos);
    }

    /**
     * A connected mesh as operators might configure one: each node links with one node named before
     * it (a tree), plus a chord for every other node.
     */
    private static Map<String, Set<String>> mesh(int n, Random random) {
        Map<String, Set<String>> mesh = new TreeMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(String.format("node-%02d", i));
            mesh.put(names.get(i), new TreeSet<>());
        }
        for (int i = 1; i < n; i++) {
            String other = names.get(random.nextInt(i));
            mesh.get(names.get(i)).add(other);
            mesh.get(other).add(names.get(i));
        }
        for (int chord = 0; chord < n / 2; chord++) {
            String a = names.get(random.nextInt(n));
            String b = names.get(random.nextInt(n));
            if (!a.equals(b)) {
                mesh.get(a).add(b);
                mesh.get(b).add(a);
            }
        }
        return mesh;
    }

    /** The most hops between two nodes of the mesh. */
    private static int diameter(Map<String, Set<String>> mesh) {
        int diameter = 0;
        for (String from : mesh.keySet()) {
            Map<String, Integer> hops = new HashMap<>(Map.of(from, 0));
            Deque<String> next = new ArrayDeque<>(List.of(from));
            while (!next.isEmpty()) {
                String node = next.poll();
                for (String peer : mesh.get(node)) {
                    if (hops.putIfAbsent(peer, hops.get(node) + 1) == null) {
                        next.add(peer);
                        diameter = Math.max(diameter, hops.get(peer));
                    }
                }
            }
        }
        return diameter;
    }
}
