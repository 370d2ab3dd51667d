package org.parley.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class X25519Test {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 7748, section 5.2, first test vector (one scalar multiplication). */
    @Test
    void rfc7748ScalarMultiplication() {
        byte[] scalar = HEX.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
        byte[] u = HEX.parseHex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");

        assertArrayEquals(HEX.parseHex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"),
                X25519.agree(scalar, u));
    }

    /** RFC 7748, section 6.1: Alice and Bob derive the same secret. */
    @Test
    void rfc7748DiffieHellman() {
        byte[] alicePrivate = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] bobPrivate = HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        byte[] alicePublic = HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        byte[] bobPublic = HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        byte[] shared = HEX.parseHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

        assertArrayEquals(alicePublic, X25519.publicKey(alicePrivate));
        assertArrayEquals(bobPublic, X25519.publicKey(bobPrivate));
        assertArrayEquals(shared, X25519.agree(alicePrivate, bobPublic));
        assertArrayEquals(shared, X25519.agree(bobPrivate, alicePublic));
    }

    @Test
    void aLowOrderPeerKeyIsRefused() {
        byte[] alicePrivate = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");

        assertThrows(IllegalArgumentException.class, () -> X25519.agree(alicePrivate, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> X25519.agree(alicePrivate, new byte[31]));
    }
}
