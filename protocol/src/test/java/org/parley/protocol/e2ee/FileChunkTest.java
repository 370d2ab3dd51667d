package org.parley.protocol.e2ee;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileChunkTest {

    @Test
    void aChunkIsWrittenAsTheProtocolSaysAndReadBack() {
        byte[] sealed = {9, 8, 7};
        byte[] encoded = new FileChunk("f\u00e9", 258, true, sealed).encode();

        byte[] expected = {'P', 'F', 'C', '1', 0, 3, 'f', (byte) 0xc3, (byte) 0xa9, 0, 0, 0, 0, 0, 0, 1, 2, 1, 9, 8, 7};
        assertArrayEquals(expected, encoded);
        FileChunk back = FileChunk.decode(encoded);
        assertEquals("f\u00e9", back.fileId());
        assertEquals(258, back.index());
        assertEquals(true, back.last());
        assertArrayEquals(sealed, back.sealed());
        assertEquals(new FileChunk.Position("f\u00e9", 258, true), FileChunk.position(encoded));
    }

    @Test
    void somethingElseIsNotAChunk() {
        assertThrows(IllegalArgumentException.class,
                () -> FileChunk.position("PFC1".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(IllegalArgumentException.class, () -> FileChunk.position(new byte[] {1, 2}));
    }
}
