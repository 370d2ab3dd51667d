package org.parley.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519Test {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8032, section 7.1, TEST 1 (empty message). */
    @Test
    void rfc8032Test1() {
        byte[] secret = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] expectedPublic = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        byte[] expectedSignature = HEX.parseHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

        assertArrayEquals(expectedPublic, Ed25519.publicKey(secret));
        assertArrayEquals(expectedSignature, Ed25519.sign(secret, new byte[0]));
        assertTrue(Ed25519.verify(expectedPublic, new byte[0], expectedSignature));
    }

    /** RFC 8032, section 7.1, TEST 2 (one-byte message 0x72). */
    @Test
    void rfc8032Test2() {
        byte[] secret = HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
        byte[] expectedPublic = HEX.parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        byte[] expectedSignature = HEX.parseHex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");

        assertArrayEquals(expectedPublic, Ed25519.publicKey(secret));
        assertArrayEquals(expectedSignature, Ed25519.sign(secret, new byte[] {0x72}));
    }

    @Test
    void aSignatureOverOtherBytesDoesNotVerify() {
        IdentityKeys keys = IdentityKeys.generate(new SecureRandom());
        byte[] signature = keys.sign(new byte[] {1, 2, 3});

        assertTrue(Ed25519.verify(keys.signingPublic(), new byte[] {1, 2, 3}, signature));
        assertFalse(Ed25519.verify(keys.signingPublic(), new byte[] {1, 2, 4}, signature));
        assertFalse(Ed25519.verify(new byte[31], new byte[] {1, 2, 3}, signature));
    }

    @Test
    void keysRebuiltFromTheirPrivateHalvesAreEqual() {
        IdentityKeys keys = IdentityKeys.generate(new SecureRandom());

        IdentityKeys again = new IdentityKeys(keys.signingPrivate(), keys.agreementPrivate());

        assertArrayEquals(keys.agreementPublic(), again.agreementPublic());
        assertTrue(keys.equals(again));
    }
}
