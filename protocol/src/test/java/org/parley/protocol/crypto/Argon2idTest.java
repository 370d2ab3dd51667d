package org.parley.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Argon2idTest {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The reference implementation's test vector (phc-winner-argon2 src/test.c): v=19, t=2, m=64 MiB, p=1. */
    @Test
    void referenceVectorPasswordSomesalt() {
        byte[] tag = Argon2id.derive(ascii("password"), ascii("somesalt"), new Argon2id.Cost(65536, 2, 1), 32);

        assertArrayEquals(HexFormat.of().parseHex(
                "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7"), tag);
    }

    /** The same suite with 256 KiB in one lane, then in two: every cost parameter reaches the algorithm. */
    @Test
    void referenceVectorsWithLessMemoryAndTwoLanes() {
        assertArrayEquals(HexFormat.of().parseHex("9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe"),
                Argon2id.derive(ascii("password"), ascii("somesalt"), new Argon2id.Cost(256, 2, 1), 32));
        assertArrayEquals(HexFormat.of().parseHex("6d093c501fd5999645e0ea3bf620d7b8be7fd2db59c20d9fff9539da2bf57037"),
                Argon2id.derive(ascii("password"), ascii("somesalt"), new Argon2id.Cost(256, 2, 2), 32));
    }

    @Test
    void costsOutsideTheBoundsAreRefusedBeforeAnyWork() {
        assertThrows(IllegalArgumentException.class, () -> new Argon2id.Cost(Argon2id.Cost.MAX_MEMORY_KIB + 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2id.Cost(4, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2id.Cost(1024, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2id.Cost(1024, 1, 0));
    }
}
