package org.parley.federation.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.wire.SignedEntry;

class EntrySignerTest {

    private final NodeIdentity node = new NodeIdentity("node-b",
            new Ed25519PrivateKeyParameters(new SecureRandom()).getEncoded());
    private final NodeIdentity other = new NodeIdentity("node-x",
            new Ed25519PrivateKeyParameters(new SecureRandom()).getEncoded());
    private final DirectoryEntry entry = DirectoryEntry.ofNode(new NodeRecord("node-b", "k", "a", List.of("node-a"), java.util.Map.of(), 7), 7);

    @Test
    void aSignedEntryVerifiesWithItsOriginsKeyAndParsesBack() throws Exception {
        SignedEntry signed = EntrySigner.sign(node, entry);

        assertTrue(EntrySigner.verify(node.publicKey(), signed));
        assertEquals(entry, EntrySigner.parse(signed));
    }

    @Test
    void anotherKeyAnAlteredTextOrNoSignatureFails() {
        SignedEntry signed = EntrySigner.sign(node, entry);

        assertFalse(EntrySigner.verify(other.publicKey(), signed));
        assertFalse(EntrySigner.verify(node.publicKey(),
                new SignedEntry(signed.entry().replace("node-a", "node-x"), signed.signature())));
        assertFalse(EntrySigner.verify(node.publicKey(), new SignedEntry(signed.entry(), "")));
        assertFalse(EntrySigner.verify(node.publicKey(), new SignedEntry(signed.entry(), null)));
    }

    @Test
    void malformedEntriesAreNamed() {
        assertEquals("node record names node-x, not its origin node-b",
                new DirectoryEntry("node-b", "node", 1, false, new NodeRecord("node-x", "k", "a", List.of(), java.util.Map.of(), 1), null, null).problem());
        assertEquals("unknown entry key 'room:x'",
                new DirectoryEntry("node-b", "room:x", 1, false, null, null, null).problem());
        assertEquals("a group entry must carry a group record and nothing else",
                new DirectoryEntry("node-b", "group:x", 1, false, null, null, null).problem());
        assertEquals("group record y does not match its key group:x", new DirectoryEntry("node-b", "group:x", 1, false,
                null, null, new GroupRecord("y", "alice@node-b", 1)).problem());
    }
}
