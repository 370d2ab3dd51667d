package org.parley.federation.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** HMAC-SHA256 against the test vectors of RFC 4231, whole and fed in pieces, one MAC beside another. */
class HmacSha256Test {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] repeated(int value, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static String mac(byte[] key, byte[] message) {
        HmacSha256.Running running = new HmacSha256(key).start();
        running.update(message, 0, message.length);
        return HEX.formatHex(running.finish());
    }

    @Test
    void rfc4231TestCase1() {
        assertEquals("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                mac(repeated(0x0b, 20), "Hi There".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void rfc4231TestCase2AKeyShorterThanTheOutput() {
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                mac("Jefe".getBytes(StandardCharsets.US_ASCII),
                        "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void rfc4231TestCase3() {
        assertEquals("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
                mac(repeated(0xaa, 20), repeated(0xdd, 50)));
    }

    @Test
    void rfc4231TestCase6AKeyLongerThanABlockIsHashedFirst() {
        assertEquals("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                mac(repeated(0xaa, 131), "Test Using Larger Than Block-Size Key - Hash Key First"
                        .getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aMessageFedInPiecesAndMacsComputedSideBySideGiveTheSameMacs() {
        HmacSha256 key = new HmacSha256(repeated(0x0b, 20));
        byte[] message = "Hi There".getBytes(StandardCharsets.US_ASCII);
        HmacSha256.Running pieces = key.start();
        HmacSha256.Running other = key.start();
        pieces.update(message, 0, 3);
        other.update(repeated(0xdd, 50), 0, 50);
        pieces.update(message, 3, message.length - 3);

        assertEquals("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", HEX.formatHex(pieces.finish()));
        assertEquals(HEX.formatHex(other.finish()), mac(repeated(0x0b, 20), repeated(0xdd, 50)));
    }
}
