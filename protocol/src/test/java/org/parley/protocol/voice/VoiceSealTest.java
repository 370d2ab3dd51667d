package org.parley.protocol.voice;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.protocol.e2ee.OpenFailure;

class VoiceSealTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] FRAME = "an opus frame, twenty milliseconds".getBytes(UTF_8);
    private final VoiceKey key = VoiceKey.generate("#team@node-a", 4, RANDOM);

    @Test
    void aFrameSealedUnderAKeyOpensWithItAsTheSameFrameOfTheSameSpeaker() throws Exception {
        byte[] sealed = VoiceSeal.seal(key, 7, 1234, FRAME);

        assertEquals(FRAME.length + VoiceSeal.OVERHEAD, sealed.length);
        assertArrayEquals(key.keyId(), VoiceSeal.keyId(sealed));
        assertArrayEquals(FRAME, VoiceSeal.open(key, 7, 1234, sealed));
    }

    @Test
    void noBitOfTheDatagramMayChange() throws Exception {
        byte[] datagram = VoicePacket.toListener(7, 1234, VoiceSeal.seal(key, 7, 1234, FRAME));

        for (int bit = 0; bit < datagram.length * 8; bit++) {
            byte[] tampered = datagram.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            Optional<VoicePacket> read = VoicePacket.readFromNode(tampered);
            if (read.isEmpty()) {
                continue; // the magic or the kind: not a voice packet at all
            }
            VoicePacket packet = read.get();
            int flipped = bit;
            assertThrows(OpenFailure.class, () -> VoiceSeal.open(key, packet.ssrc(), packet.seq(), packet.sealed()),
                    () -> "bit " + flipped + " of the datagram changed and it still opened");
        }
    }

    @Test
    void anotherKeyDoesNotOpenIt() {
        byte[] sealed = VoiceSeal.seal(key, 7, 1, FRAME);
        VoiceKey other = VoiceKey.generate("#team@node-a", 4, RANDOM);
        VoiceKey sameIdOtherBytes = new VoiceKey("#team@node-a", 4, key.keyId(), other.key());

        assertEquals(OpenFailure.Kind.UNDECRYPTABLE,
                assertThrows(OpenFailure.class, () -> VoiceSeal.open(other, 7, 1, sealed)).kind());
        assertEquals(OpenFailure.Kind.UNDECRYPTABLE,
                assertThrows(OpenFailure.class, () -> VoiceSeal.open(sameIdOtherBytes, 7, 1, sealed)).kind());
    }

    @Test
    void aFrameShorterThanItsKeyIdAndTagIsRefused() {
        assertEquals(OpenFailure.Kind.NOT_ENCRYPTED,
                assertThrows(OpenFailure.class, () -> VoiceSeal.open(key, 7, 1, new byte[VoiceSeal.OVERHEAD - 1]))
                        .kind());
    }

    @Test
    void theKeyTravelsAsTheMarkedPlaintextOfADirectMessage() {
        VoiceKey back = VoiceKey.fromPlaintext(key.toPlaintext()).orElseThrow();

        assertEquals(key, back);
        assertTrue(VoiceKey.fromPlaintext("hello".getBytes(UTF_8)).isEmpty());
        byte[] cut = java.util.Arrays.copyOf(key.toPlaintext(), key.toPlaintext().length - 1);
        assertThrows(IllegalArgumentException.class, () -> VoiceKey.fromPlaintext(cut));
        assertFalse(new String(key.toPlaintext(), UTF_8).startsWith("\0parley-sender-key"));
    }
}
