package org.parley.federation.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.parley.federation.FederationMode;
import org.parley.federation.link.MemoryPinStore;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.link.PinnedKeys;
import org.parley.protocol.crypto.Base64Key;

/** Whom node-a believes: its configured peers, and the nodes that believed nodes vouch for. */
class NodeBeliefTest {

    private final NodeIdentity b = identity("node-b");
    private final NodeIdentity c = identity("node-c");
    private final NodeIdentity rogue = identity("rogue");
    private final Directory directory = new Directory("node-a");
    private final PinnedKeys pins = new PinnedKeys(Map.of(), Map.of("node-b", b.fingerprint()), new MemoryPinStore());
    private final NodeBelief closed = new NodeBelief("node-a", FederationMode.CLOSED,
            Map.of("node-b", b.fingerprint()), directory, pins);

    @Test
    void aConfiguredPeerIsBelievedWithItsKeyOnly() {
        assertInstanceOf(NodeBelief.Verdict.Believed.class, closed.check("node-b", b.publicKey()));
        assertInstanceOf(NodeBelief.Verdict.Refused.class, closed.check("node-b", rogue.publicKey()));
    }

    @Test
    void aNodeNobodyVouchesForIsRefusedInClosedFederationAndBelievedInOpen() {
        NodeBelief.Verdict verdict = closed.check("node-c", c.publicKey());

        assertTrue(((NodeBelief.Verdict.Refused) verdict).why().contains("no node that node-a believes vouches for"
                + " node node-c with key " + c.fingerprint()), verdict.toString());
        assertInstanceOf(NodeBelief.Verdict.Believed.class, new NodeBelief("node-a", FederationMode.OPEN, Map.of(),
                directory, pins).check("node-c", c.publicKey()));
    }

    @Test
    void aNodeIsBelievedOnTheVouchOfABelievedNodeForThatVeryKey() {
        held(b, Map.of("node-c", c.fingerprint()));

        assertEquals(new NodeBelief.Verdict.Believed("vouched for by node node-b"), closed.check("node-c", c.publicKey()));
        assertInstanceOf(NodeBelief.Verdict.Refused.class, closed.check("node-c", rogue.publicKey()));
    }

    @Test
    void conflictingVouchesForAnUnpinnedNameBelieveNeitherButDoNotUnseatAPin() {
        held(b, Map.of("node-c", c.fingerprint()));
        held(rogue, Map.of("node-c", rogue.fingerprint()));

        NodeBelief.Verdict verdict = closed.check("node-c", c.publicKey());
        assertTrue(((NodeBelief.Verdict.Refused) verdict).why().contains("node rogue vouches for " + rogue.fingerprint()),
                verdict.toString());

        pins.pin("node-c", c.publicKey(), "in this test");
        assertInstanceOf(NodeBelief.Verdict.Believed.class, closed.check("node-c", c.publicKey()));
        assertInstanceOf(NodeBelief.Verdict.Refused.class, closed.check("node-c", rogue.publicKey()));
        assertEquals(List.of("node rogue vouches for node node-c with key " + rogue.fingerprint() + ", but node-a"
                + " trusts " + c.fingerprint() + " for it; the vouch is refused and the pin kept"),
                closed.contradictions(directory.node("rogue").orElseThrow()));
    }

    private void held(NodeIdentity node, Map<String, String> vouches) {
        long version = System.currentTimeMillis() * 1000;
        DirectoryEntry entry = DirectoryEntry.ofNode(new NodeRecord(node.name(), Base64Key.encode(node.publicKey()),
                Base64Key.encode(node.agreementPublic()), List.of(), vouches, version), version);
        directory.apply(node.name(), 0, List.of(new Directory.Held(entry, EntrySigner.sign(node, entry))), 0);
    }

    private static NodeIdentity identity(String name) {
        return new NodeIdentity(name, new Ed25519PrivateKeyParameters(new SecureRandom()).getEncoded());
    }
}
