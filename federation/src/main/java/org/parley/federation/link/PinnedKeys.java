package org.parley.federation.link;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.protocol.crypto.Fingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ed25519 key this node trusts for each other node: the fingerprint from config where one is
 * given, else the key seen on first contact (on a link or in gossip), after which a different key is
 * refused. Readable from any thread; pins are written through to the {@link PinStore}.
 */
public final class PinnedKeys {

    private static final Logger LOG = LoggerFactory.getLogger(PinnedKeys.class);

    /** What checking a presented key found. */
    public sealed interface Verdict {
        /** The key is the one pinned. */
        record Known() implements Verdict { }
        /** No key is pinned yet and config allows this one: trust it on first use. */
        record New() implements Verdict { }
        /** The key differs from the pin or from config; {@code expected} is what we trust. */
        record Changed(String expected, String presented) implements Verdict { }
    }

    private final Map<String, byte[]> pins;
    private final Map<String, String> configured;
    private final PinStore store;

    /**
     * @param pins       keys pinned before, from the store
     * @param configured fingerprints from config by node name; these win over first contact. Read at
     *                   each check (not copied): the operator may change them while the node runs
     */
    public PinnedKeys(Map<String, byte[]> pins, Map<String, String> configured, PinStore store) {
        this.pins = new ConcurrentHashMap<>(pins);
        this.configured = configured;
        this.store = store;
    }

    public Verdict check(String node, byte[] key) {
        String presented = Fingerprint.of(key);
        String expected = configured.get(node);
        if (expected != null && !expected.equals(presented)) {
            return new Verdict.Changed(expected, presented);
        }
        byte[] pinned = pins.get(node);
        if (pinned == null) {
            return new Verdict.New();
        }
        return Arrays.equals(pinned, key) ? new Verdict.Known() : new Verdict.Changed(Fingerprint.of(pinned), presented);
    }

    /** Pins a key that {@link #check} called new. */
    public void pin(String node, byte[] key, String how) {
        if (pins.putIfAbsent(node, key.clone()) == null) {
            LOG.info("Pinned the key of node {} ({}) on first contact {}", node, Fingerprint.of(key), how);
            store.save(node, key).onFailure(e -> LOG.error("Could not save the pinned key of node {}", node, e));
        }
    }

    public Optional<byte[]> keyOf(String node) {
        return Optional.ofNullable(pins.get(node)).map(byte[]::clone);
    }
}
