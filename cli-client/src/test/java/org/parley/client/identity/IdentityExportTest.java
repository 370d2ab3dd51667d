package org.parley.client.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.parley.protocol.crypto.IdentityKeys;

/** An exported identity opens with its passphrase, as its owner, and not otherwise. */
class IdentityExportTest {

    private static final int CHEAP = 100_000;
    private final IdentityKeys keys = IdentityKeys.generate(new SecureRandom());

    @Test
    void anExportOpensWithItsPassphraseToTheSameKeys() throws Exception {
        ObjectNode exported = IdentityExport.seal("alice", keys, "Ångström passphrase", CHEAP, new SecureRandom());

        assertEquals("alice", IdentityExport.user(exported));
        assertEquals(CHEAP, exported.path("iterations").asInt());
        // The same passphrase typed decomposed (A + combining ring) opens it too: both are NFC first.
        assertEquals(keys, IdentityExport.open(exported, "A\u030Angstro\u0308m passphrase"));
    }

    @Test
    void aWrongPassphraseOrAnotherOwnerDoesNotOpenIt() {
        ObjectNode exported = IdentityExport.seal("alice", keys, "the right one", CHEAP, new SecureRandom());

        assertThrows(WrongPassphraseException.class, () -> IdentityExport.open(exported, "the wrong one"));
        ObjectNode moved = exported.deepCopy().put("user", "mallory");
        assertThrows(WrongPassphraseException.class, () -> IdentityExport.open(moved, "the right one"));
    }

    @Test
    void aFileThatAsksForTooFewIterationsIsRefused() {
        ObjectNode exported = IdentityExport.seal("alice", keys, "the right one", CHEAP, new SecureRandom())
                .put("iterations", 1000);

        assertThrows(IllegalArgumentException.class, () -> IdentityExport.open(exported, "the right one"));
    }
}
