package org.parley.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HkdfTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] twentyTwoElevens() {
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        return ikm;
    }

    /** RFC 5869, appendix A.1 (test case 1). */
    @Test
    void rfc5869TestCase1() {
        byte[] okm = Hkdf.sha256(twentyTwoElevens(), HEX.parseHex("000102030405060708090a0b0c"),
                HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);

        assertArrayEquals(HEX.parseHex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                + "34007208d5b887185865"), okm);
    }

    /** RFC 5869, appendix A.3 (test case 3: no salt, no info). */
    @Test
    void rfc5869TestCase3() {
        byte[] okm = Hkdf.sha256(twentyTwoElevens(), new byte[0], new byte[0], 42);

        assertArrayEquals(HEX.parseHex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
                + "9d201395faa4b61a96c8"), okm);
    }
}
