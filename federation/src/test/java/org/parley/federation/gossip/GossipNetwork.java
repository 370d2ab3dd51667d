package org.parley.federation.gossip;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.parley.federation.emulator.NetworkEmulator;
import org.parley.federation.emulator.VirtualClock;
import org.parley.federation.link.NodeIdentity;
import org.parley.protocol.message.Presence;

/**
 * Nodes gossiping over a {@link NetworkEmulator} on a {@link VirtualClock}, each with the real
 * engine, directory and signatures ({@link GossipNode}). Everything random (keys, which messages are
 * lost, when each node's digest timer fires) comes from one seed, so a run repeats exactly.
 */
final class GossipNetwork {

    /** How often a node sends its digests, as {@code Federation} does. */
    static final long GOSSIP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Long enough that no node expires while a test runs. */
    static final long NODE_EXPIRY_MILLIS = TimeUnit.HOURS.toMillis(1);

    private final Random random;
    private final VirtualClock clock = new VirtualClock(System.currentTimeMillis());
    private final NetworkEmulator emulator;
    private final DirectoryQuotas quotas;
    private final Map<String, NodeIdentity> identities = new HashMap<>();
    private final Map<String, GossipNode> nodes = new LinkedHashMap<>();
    /** The newest version issued of every entry, by origin and key. */
    private final Map<String, Long> newest = new HashMap<>();

    GossipNetwork(long seed, DirectoryQuotas quotas) {
        this.random = new Random(seed);
        this.emulator = new NetworkEmulator(clock, random.nextLong());
        this.quotas = quotas;
    }

    VirtualClock clock() {
        return clock;
    }

    NetworkEmulator emulator() {
        return emulator;
    }

    /** The node's identity, its key made from the seed. */
    NodeIdentity identity(String name) {
        return identities.computeIfAbsent(name, n -> {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            return new NodeIdentity(n, seed);
        });
    }

    /**
     * Adds a node whose operator configured {@code peers} (it vouches for them and believes them), and
     * starts its engine with {@code users} (its own entries are signed and held once this returns).
     */
    GossipNode add(String name, List<String> peers, int users) {
        Map<String, String> fingerprints = new HashMap<>();
        peers.forEach(peer -> fingerprints.put(peer, identity(peer).fingerprint()));
        GossipNode node = new GossipNode(name, identity(name), fingerprints, this, quotas);
        emulator.join(name, node);
        nodes.put(name, node);
        List<UserRecord> records = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            records.add(new UserRecord("u" + i, "signing-" + name + "-" + i, "agreement-" + name + "-" + i,
                    Presence.ONLINE, 1));
        }
        node.engine().start(records).onFailure(e -> node.violations().add(name + " did not start: " + e));
        clock.advance(0);
        return node;
    }

    /** Brings up a link; both ends react as {@code Federation} does. */
    void link(String a, String b) {
        emulator.link(a, b);
        nodes.get(a).linkUp(b);
        nodes.get(b).linkUp(a);
    }

    /** Starts every node's digest timer, each at its own moment within the first interval. */
    void startDigests() {
        for (GossipNode node : nodes.values()) {
            clock.every((long) (random.nextDouble() * GOSSIP_INTERVAL_NANOS), GOSSIP_INTERVAL_NANOS,
                    node.engine()::sendDigests);
        }
    }

    GossipNode node(String name) {
        return nodes.get(name);
    }

    List<GossipNode> nodes() {
        return List.copyOf(nodes.values());
    }

    /**
     * Runs until every node holds every entry at its newest version, for at most {@code limitNanos}
     * of virtual time from now.
     *
     * @return whether they all did
     */
    boolean converge(long limitNanos) {
        return clock.runUntil(this::converged, clock.nanoTime() + limitNanos);
    }

    void runFor(long nanos) {
        clock.advance(nanos);
    }

    boolean converged() {
        for (GossipNode node : nodes.values()) {
            if (!node.upToDate(newest.size())) {
                return false;
            }
        }
        return true;
    }

    /** Every violation any node saw (an entry version applied twice, a version going back). */
    List<String> violations() {
        return nodes.values().stream().flatMap(node -> node.violations().stream()).toList();
    }

    Long newest(String key) {
        return newest.get(key);
    }

    /** An origin issued {@code key} at {@code version} (null: forgot it). */
    void issued(String key, Long version) {
        Long before = version == null ? newest.remove(key) : newest.put(key, version);
        nodes.values().forEach(node -> node.retarget(key, before, version));
    }
}
