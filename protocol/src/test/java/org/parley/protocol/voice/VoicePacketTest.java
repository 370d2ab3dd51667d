package org.parley.protocol.voice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VoicePacketTest {

    private static final byte[] TOKEN = "0123456789abcdef".getBytes();

    @Test
    void audioFromAClientLosesItsTokenOnTheWayToAListener() {
        byte[] sealed = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17};
        VoicePacket in = VoicePacket.readFromClient(VoicePacket.fromClient(TOKEN, 7, 42, sealed)).orElseThrow();
        assertEquals(VoicePacket.Kind.AUDIO, in.kind());
        assertArrayEquals(TOKEN, in.token());
        assertEquals(7, in.ssrc());
        assertEquals(42, in.seq());
        assertArrayEquals(sealed, in.sealed());

        byte[] relayed = VoicePacket.toListener(in.ssrc(), in.seq(), in.sealed());
        assertEquals(-1, indexOf(relayed, TOKEN), "the token is the sender's secret and never reaches listeners");
        VoicePacket out = VoicePacket.readFromNode(relayed).orElseThrow();
        assertEquals(7, out.ssrc());
        assertEquals(42, out.seq());
        assertArrayEquals(sealed, out.sealed());
    }

    @Test
    void aKeepaliveCarriesOnlyTheToken() {
        VoicePacket in = VoicePacket.readFromClient(VoicePacket.keepalive(TOKEN)).orElseThrow();
        assertEquals(VoicePacket.Kind.KEEPALIVE, in.kind());
        assertArrayEquals(TOKEN, in.token());
    }

    @Test
    void anythingElseIsNotAPacket() {
        byte[] good = VoicePacket.fromClient(TOKEN, 1, 1, new byte[20]);
        byte[] badMagic = good.clone();
        badMagic[0] = 0x16; // a TLS record, say
        byte[] badKind = good.clone();
        badKind[1] = 9;
        assertTrue(VoicePacket.readFromClient(badMagic).isEmpty());
        assertTrue(VoicePacket.readFromClient(badKind).isEmpty());
        assertTrue(VoicePacket.readFromClient(Arrays.copyOf(good, 18 + 12)).isEmpty(), "audio with nothing sealed");
        assertTrue(VoicePacket.readFromClient(new byte[5]).isEmpty());
        assertTrue(VoicePacket.readFromClient(new byte[VoicePacket.MAX_BYTES + 1]).isEmpty());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
