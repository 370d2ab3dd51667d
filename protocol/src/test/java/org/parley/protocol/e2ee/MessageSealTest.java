package org.parley.protocol.e2ee;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.parley.protocol.crypto.IdentityKeys;

class MessageSealTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] TEXT = "meet at noon".getBytes(StandardCharsets.UTF_8);

    private final IdentityKeys alice = IdentityKeys.generate(RANDOM);
    private final IdentityKeys bob = IdentityKeys.generate(RANDOM);
    private final IdentityKeys carol = IdentityKeys.generate(RANDOM);

    private byte[] aliceToBob() {
        return MessageSeal.seal(alice, "m1", "alice@node-a", "bob@node-b", bob.agreementPublic(), TEXT, RANDOM);
    }

    private OpenFailure.Kind failureOpeningAsBob(String id, String from, byte[] body) {
        return assertThrows(OpenFailure.class,
                () -> MessageSeal.open(bob, "bob@node-b", id, from, alice.signingPublic(), body)).kind();
    }

    @Test
    void theRecipientReadsWhatTheSenderWrote() throws OpenFailure {
        byte[] body = aliceToBob();

        assertArrayEquals(TEXT, MessageSeal.open(bob, "bob@node-b", "m1", "alice@node-a", alice.signingPublic(), body));
        assertFalse(new String(body, StandardCharsets.ISO_8859_1).contains("meet at noon"));
    }

    @Test
    void everyFlippedByteIsCaught() {
        byte[] body = aliceToBob();
        for (int i = 0; i < body.length; i++) {
            byte[] altered = body.clone();
            altered[i] ^= 0x01;
            assertThrows(OpenFailure.class,
                    () -> MessageSeal.open(bob, "bob@node-b", "m1", "alice@node-a", alice.signingPublic(), altered),
                    "flipping byte " + i);
        }
    }

    @Test
    void aMessageReAddressedToAnotherUserIsCaught() {
        byte[] body = aliceToBob();

        OpenFailure failure = assertThrows(OpenFailure.class,
                () -> MessageSeal.open(carol, "carol@node-b", "m1", "alice@node-a", alice.signingPublic(), body));
        assertEquals(OpenFailure.Kind.NOT_FOR_YOU, failure.kind());
    }

    @Test
    void anotherSenderOrIdInTheEnvelopeIsCaught() {
        assertEquals(OpenFailure.Kind.ENVELOPE_MISMATCH, failureOpeningAsBob("m2", "alice@node-a", aliceToBob()));
        byte[] fromCarol = MessageSeal.seal(carol, "m1", "carol@node-a", "bob@node-b", bob.agreementPublic(), TEXT,
                RANDOM);
        assertEquals(OpenFailure.Kind.SENDER_KEY_CHANGED, failureOpeningAsBob("m1", "alice@node-a", fromCarol));
    }

    @Test
    void aMessageEncryptedToAFalseKeyIsCaught() {
        IdentityKeys mallory = IdentityKeys.generate(RANDOM);
        byte[] body = MessageSeal.seal(alice, "m1", "alice@node-a", "bob@node-b", mallory.agreementPublic(), TEXT,
                RANDOM);

        assertEquals(OpenFailure.Kind.WRONG_RECIPIENT_KEY, failureOpeningAsBob("m1", "alice@node-a", body));
    }

    @Test
    void plaintextIsNotTakenForAMessage() {
        assertEquals(OpenFailure.Kind.NOT_ENCRYPTED, failureOpeningAsBob("m1", "alice@node-a", TEXT));
        assertEquals(OpenFailure.Kind.NOT_ENCRYPTED, failureOpeningAsBob("m1", "alice@node-a", new byte[0]));
    }

    @Test
    void theSafetyNumberIsTheSameOnBothSidesAndChangesWithAKey() {
        String aliceSide = SafetyNumber.of("alice@node-a", alice.signingPublic(), alice.agreementPublic(),
                "bob@node-b", bob.signingPublic(), bob.agreementPublic());
        String bobSide = SafetyNumber.of("bob@node-b", bob.signingPublic(), bob.agreementPublic(),
                "alice@node-a", alice.signingPublic(), alice.agreementPublic());
        String withFalseKey = SafetyNumber.of("alice@node-a", alice.signingPublic(), alice.agreementPublic(),
                "bob@node-b", bob.signingPublic(), carol.agreementPublic());

        assertEquals(aliceSide, bobSide);
        assertEquals(60, aliceSide.replaceAll("\\D", "").length());
        assertFalse(aliceSide.equals(withFalseKey));
    }
}
