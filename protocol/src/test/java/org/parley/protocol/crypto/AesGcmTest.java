package org.parley.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Vectors from McGrew and Viega, "The Galois/Counter Mode of Operation", test cases 13, 14, 16 (AES-256). */
class AesGcmTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void testCase13EmptyPlaintext() {
        byte[] sealed = AesGcm.encrypt(new byte[32], new byte[12], new byte[0], new byte[0]);

        assertArrayEquals(HEX.parseHex("530f8afbc74536b9a963b4f1c4cb738b"), sealed);
    }

    @Test
    void testCase14OneZeroBlock() {
        byte[] sealed = AesGcm.encrypt(new byte[32], new byte[12], new byte[0], new byte[16]);

        assertArrayEquals(HEX.parseHex("cea7403d4d606b6e074ec5d3baf39d18" + "d0d1c8a799996bf0265b98b5d48ab919"), sealed);
    }

    @Test
    void testCase16WithAssociatedData() {
        byte[] key = HEX.parseHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
        byte[] nonce = HEX.parseHex("cafebabefacedbaddecaf888");
        byte[] aad = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        byte[] plaintext = HEX.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        byte[] expected = HEX.parseHex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662" + "76fc6ece0f4e1768cddf8853bb2d551b");

        assertArrayEquals(expected, AesGcm.encrypt(key, nonce, aad, plaintext));
        assertArrayEquals(plaintext, AesGcm.decrypt(key, nonce, aad, expected));
    }

    @Test
    void anyAlteredBitFailsAuthentication() {
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        byte[] sealed = AesGcm.encrypt(key, nonce, new byte[] {1}, "hello".getBytes());

        byte[] flipped = sealed.clone();
        flipped[2] ^= 1;
        assertThrows(AesGcm.AuthenticationException.class, () -> AesGcm.decrypt(key, nonce, new byte[] {1}, flipped));
        assertThrows(AesGcm.AuthenticationException.class, () -> AesGcm.decrypt(key, nonce, new byte[] {2}, sealed));
        assertThrows(AesGcm.AuthenticationException.class, () -> AesGcm.decrypt(key, nonce, new byte[] {1}, new byte[5]));
    }
}
