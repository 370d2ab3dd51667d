package org.parley.federation.gossip;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.federation.FederationMode;
import org.parley.federation.emulator.NetworkEmulator;
import org.parley.federation.link.LinkedPeer;
import org.parley.federation.link.MemoryPinStore;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.link.PinnedKeys;
import org.parley.federation.wire.GossipDelta;
import org.parley.federation.wire.GossipDigest;
import org.parley.federation.wire.PeerMessage;
import org.parley.protocol.frame.Frame;

/**
 * One node of a {@link GossipNetwork}: the real {@link GossipEngine}, {@link Directory},
 * {@link PinnedKeys} and {@link NodeBelief} of a node in closed federation, whose configured peers are
 * its neighbours. The test plays its {@code Federation}: it tells the engine of links and hands it
 * the gossip that arrives. It keeps what each change did, to check that no entry version is applied
 * twice and that versions only grow.
 */
final class GossipNode implements NetworkEmulator.Receiver {

    private final String name;
    private final GossipNetwork network;
    private final Directory directory;
    private final GossipEngine engine;
    /** The version this node holds of each entry, by origin and key. */
    private final Map<String, Long> held = new HashMap<>();
    private final Set<String> applied = new HashSet<>();
    private final List<String> violations = new ArrayList<>();
    /** Entries held at the version the network's newest is (see {@link GossipNetwork#newest}). */
    private int matching;

    GossipNode(String name, NodeIdentity identity, Map<String, String> peers, GossipNetwork network,
               DirectoryQuotas quotas) {
        this.name = name;
        this.network = network;
        this.directory = new Directory(name, quotas.maxEntriesPerNode());
        PinnedKeys pins = new PinnedKeys(Map.of(), peers, new MemoryPinStore());
        this.engine = new GossipEngine(new VirtualGossipScheduler(network.clock()), identity, directory, pins,
                GossipNetwork.NODE_EXPIRY_MILLIS, () -> network.emulator().linksOf(name), this::onChanges, peers,
                quotas, new NodeBelief(name, FederationMode.CLOSED, peers, directory, pins));
    }

    String name() {
        return name;
    }

    Directory directory() {
        return directory;
    }

    GossipEngine engine() {
        return engine;
    }

    /** What {@code Federation.onUp} does for gossip: publish this node's links, and send a digest. */
    void linkUp(String peer) {
        engine.publishNode(List.copyOf(network.emulator().linksOf(name).keySet()));
        engine.sendDigest(network.emulator().peer(name, peer));
    }

    /** What {@code Federation.onFrame} does with gossip. */
    @Override
    public void onFrame(LinkedPeer from, Frame<PeerMessage> frame) {
        PeerMessage message = frame.header();
        if (message instanceof GossipDigest digest) {
            engine.onDigest(from, digest);
        } else if (message instanceof GossipDelta delta) {
            engine.onDelta(from, delta);
        } else {
            violations.add(name + " got " + message.getClass().getSimpleName() + " on a gossip-only network");
        }
    }

    private void onChanges(List<Directory.Change> changes) {
        for (Directory.Change change : changes) {
            DirectoryEntry entry = change.after() != null ? change.after() : change.before();
            String key = entry.origin() + "/" + entry.key();
            Long version = change.after() == null ? null : change.after().version();
            if (version != null && !applied.add(key + "@" + version)) {
                violations.add(name + " applied " + key + " at version " + version + " twice");
            }
            if (version != null && change.before() != null && change.before().version() >= version) {
                violations.add(name + " replaced " + key + " at version " + change.before().version()
                        + " with older version " + version);
            }
            if (entry.origin().equals(name)) {
                network.issued(key, version);
            }
            Long before = version == null ? held.remove(key) : held.put(key, version);
            Long newest = network.newest(key);
            if (newest != null && newest.equals(before)) {
                matching--;
            }
            if (newest != null && newest.equals(version)) {
                matching++;
            }
        }
    }

    /** The newest version of {@code key} moved from {@code before} to {@code after} somewhere. */
    void retarget(String key, Long before, Long after) {
        Long mine = held.get(key);
        if (mine != null && mine.equals(before)) {
            matching--;
        }
        if (mine != null && mine.equals(after)) {
            matching++;
        }
    }

    /** Whether this node holds every entry the network has, each at its newest version, and nothing else. */
    boolean upToDate(int entries) {
        return matching == entries && held.size() == entries;
    }

    /** The entries this node holds, by origin and key, with their versions. */
    Map<String, Long> held() {
        return Map.copyOf(held);
    }

    List<String> violations() {
        return violations;
    }
}
