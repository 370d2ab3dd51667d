package org.parley.protocol.e2ee;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.parley.protocol.crypto.IdentityKeys;

class GroupSealTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TEAM = "#team@node-a";
    private final IdentityKeys alice = IdentityKeys.generate(RANDOM);
    private final IdentityKeys mallory = IdentityKeys.generate(RANDOM);

    @Test
    void aMemberWithTheSendersKeyReadsTheMessage() throws Exception {
        SenderKey key = SenderKey.generate(TEAM, 3, RANDOM);
        byte[] body = GroupSeal.seal(alice, "m1", "alice@node-a", key, "hello team".getBytes(UTF_8), RANDOM);

        GroupSeal.Label label = GroupSeal.label(body);
        assertEquals(3, label.epoch());
        assertArrayEquals(key.keyId(), label.keyId());
        assertEquals("hello team", new String(GroupSeal.open("m1", "alice@node-a", TEAM, alice.signingPublic(), key,
                body), UTF_8));
    }

    @Test
    void theKeyOfAnEarlierEpochDoesNotOpenALaterMessage() {
        SenderKey before = SenderKey.generate(TEAM, 1, RANDOM);
        SenderKey after = SenderKey.generate(TEAM, 2, RANDOM);
        byte[] body = GroupSeal.seal(alice, "m2", "alice@node-a", after, "after you left".getBytes(UTF_8), RANDOM);

        OpenFailure failure = assertThrows(OpenFailure.class,
                () -> GroupSeal.open("m2", "alice@node-a", TEAM, alice.signingPublic(), before, body));
        assertEquals(OpenFailure.Kind.UNDECRYPTABLE, failure.kind());
        // nor does a key with the right id but other bytes (a guess)
        SenderKey forged = new SenderKey(TEAM, 2, after.keyId(), before.key());
        assertEquals(OpenFailure.Kind.UNDECRYPTABLE, assertThrows(OpenFailure.class,
                () -> GroupSeal.open("m2", "alice@node-a", TEAM, alice.signingPublic(), forged, body)).kind());
    }

    @Test
    void aMemberCannotWriteInAnothersNameAndNoByteMayChange() {
        SenderKey shared = SenderKey.generate(TEAM, 1, RANDOM);
        // mallory holds alice's sender key (every member does) and signs with her own identity
        byte[] forged = GroupSeal.seal(mallory, "m3", "alice@node-a", shared, "pay mallory".getBytes(UTF_8), RANDOM);
        assertEquals(OpenFailure.Kind.SENDER_KEY_CHANGED, assertThrows(OpenFailure.class,
                () -> GroupSeal.open("m3", "alice@node-a", TEAM, alice.signingPublic(), shared, forged)).kind());

        byte[] body = GroupSeal.seal(alice, "m4", "alice@node-a", shared, "original".getBytes(UTF_8), RANDOM);
        body[body.length - 1] ^= 1;
        assertEquals(OpenFailure.Kind.BAD_SIGNATURE, assertThrows(OpenFailure.class,
                () -> GroupSeal.open("m4", "alice@node-a", TEAM, alice.signingPublic(), shared, body)).kind());
        byte[] moved = GroupSeal.seal(alice, "m5", "alice@node-a", shared, "for team".getBytes(UTF_8), RANDOM);
        assertEquals(OpenFailure.Kind.NOT_FOR_YOU, assertThrows(OpenFailure.class,
                () -> GroupSeal.open("m5", "alice@node-a", "#other@node-a", alice.signingPublic(), shared, moved))
                .kind());
    }

    @Test
    void aSenderKeyTravelsAsADirectMessagesPlaintextAndTextIsNotMistakenForOne() {
        SenderKey key = SenderKey.generate(TEAM, 7, RANDOM);
        assertEquals(key, SenderKey.fromPlaintext(key.toPlaintext()).orElseThrow());
        assertTrue(SenderKey.fromPlaintext("just text".getBytes(UTF_8)).isEmpty());
        byte[] cut = java.util.Arrays.copyOf(key.toPlaintext(), 30);
        assertThrows(IllegalArgumentException.class, () -> SenderKey.fromPlaintext(cut));
        assertEquals(OpenFailure.Kind.NOT_ENCRYPTED,
                assertThrows(OpenFailure.class, () -> GroupSeal.label("plain".getBytes(UTF_8))).kind());
    }
}
