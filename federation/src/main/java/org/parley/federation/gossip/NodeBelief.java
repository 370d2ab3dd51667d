package org.parley.federation.gossip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.federation.FederationMode;
import org.parley.federation.link.PinnedKeys;
import org.parley.protocol.crypto.Fingerprint;

/**
 * Whether this node believes what another node signs: in closed federation, a node configured in
 * {@code peerFingerprints} with that key, or a node a believed node vouches for with that key (a
 * chain of vouches, since only believed nodes' records get into the directory); in open federation,
 * any key not contradicted by a pin. Key pins are checked before this; a pinned name never changes key.
 * Runs on the federation context, where the directory is written.
 */
public final class NodeBelief {

    /** What believing a node's key found. */
    public sealed interface Verdict {
        /** Believed; {@code how} says on whose word, for the log. */
        record Believed(String how) implements Verdict { }
        /** Not believed; {@code why} says what the operator can do. */
        record Refused(String why) implements Verdict { }
    }

    private final String self;
    private final FederationMode mode;
    private final Map<String, String> configured;
    private final Directory directory;
    private final PinnedKeys pins;

    public NodeBelief(String self, FederationMode mode, Map<String, String> configured, Directory directory,
                      PinnedKeys pins) {
        this.self = self;
        this.mode = mode;
        this.configured = configured; // read live: the operator may change the peers while the node runs
        this.directory = directory;
        this.pins = pins;
    }

    /** Whether {@code node}'s entries, signed with {@code key}, are believed. */
    public Verdict check(String node, byte[] key) {
        String fingerprint = Fingerprint.of(key);
        Optional<byte[]> pin = pins.keyOf(node);
        if (pin.isPresent() && !Arrays.equals(pin.get(), key)) {
            return new Verdict.Refused("node " + node + " signs with key " + fingerprint + " but " + self
                    + " has pinned " + Fingerprint.of(pin.get()) + " for it; a pinned name never changes key");
        }
        // A vouch that disagrees with a pin is someone else's mistake or lie; it does not block the pinned node.
        boolean pinned = pin.isPresent();
        String expected = configured.get(node);
        if (expected != null) {
            return expected.equals(fingerprint) ? new Verdict.Believed("configured in peerFingerprints")
                    : new Verdict.Refused("node " + node + " signs with key " + fingerprint + " but " + self
                    + "'s peerFingerprints says " + expected);
        }
        if (mode == FederationMode.OPEN) {
            return new Verdict.Believed("open federation, trust on first use");
        }
        String voucher = null;
        List<String> others = new ArrayList<>();
        for (NodeRecord record : directory.nodes()) {
            String vouched = record.vouches().get(node);
            if (vouched == null || record.name().equals(node)) {
                continue;
            }
            if (vouched.equals(fingerprint)) {
                voucher = voucher == null ? record.name() : voucher;
            } else {
                others.add("node " + record.name() + " vouches for " + vouched);
            }
        }
        if (voucher != null && (pinned || others.isEmpty())) {
            return new Verdict.Believed("vouched for by node " + voucher);
        }
        if (voucher != null) {
            return new Verdict.Refused("node " + voucher + " vouches for its key " + fingerprint + " but "
                    + String.join(", ", others) + "; " + self + " believes neither until its operator puts the"
                    + " right one in peerFingerprints");
        }
        return new Verdict.Refused("no node that " + self + " believes vouches for node " + node + " with key "
                + fingerprint + (others.isEmpty() ? "" : " (" + String.join(", ", others) + ")")
                + "; federation is closed, so " + self + " believes a node only when it is in peerFingerprints"
                + " or a believed node vouches for it (each node vouches for its own peerFingerprints)");
    }

    /**
     * The vouches in {@code record} that contradict a key this node has pinned or configured, each
     * described with both fingerprints; {@link #check} never acts on such a vouch.
     */
    public List<String> contradictions(NodeRecord record) {
        List<String> found = new ArrayList<>();
        record.vouches().forEach((name, vouched) -> {
            String trusted = pins.keyOf(name).map(Fingerprint::of).orElse(configured.get(name));
            if (trusted != null && !trusted.equals(vouched) && !name.equals(self)) {
                found.add("node " + record.name() + " vouches for node " + name + " with key " + vouched + ", but "
                        + self + " trusts " + trusted + " for it; the vouch is refused and the pin kept");
            }
        });
        return found;
    }
}
