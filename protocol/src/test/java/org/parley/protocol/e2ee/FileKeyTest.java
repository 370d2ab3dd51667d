package org.parley.protocol.e2ee;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class FileKeyTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final FileKey key = FileKey.generate("f1", RANDOM);

    @Test
    void eachChunkOpensInItsPlaceOnly() throws Exception {
        byte[] first = key.seal(0, false, "first".getBytes(UTF_8));
        byte[] last = key.seal(1, true, "last".getBytes(UTF_8));
        assertEquals("first", new String(key.open(0, false, first), UTF_8));
        assertEquals("last", new String(key.open(1, true, last), UTF_8));

        // swapped, or the first presented as the end of the file (the rest cut off), or another file's
        assertThrows(OpenFailure.class, () -> key.open(0, false, last));
        assertThrows(OpenFailure.class, () -> key.open(1, true, first));
        assertThrows(OpenFailure.class, () -> key.open(0, true, first));
        FileKey other = new FileKey("f2", key.key(), key.noncePrefix());
        assertThrows(OpenFailure.class, () -> other.open(0, false, first));
    }

    @Test
    void aFlippedBitIsCaught() {
        byte[] chunk = key.seal(7, false, new byte[1000]);
        chunk[500] ^= 0x10;
        OpenFailure failure = assertThrows(OpenFailure.class, () -> key.open(7, false, chunk));
        assertTrue(failure.getMessage().contains("chunk 7 of file f1"), failure.getMessage());
    }

    @Test
    void anOfferTravelsAsPlaintextWithItsKeyAndIsToldFromText() {
        FileOffer offer = FileOffer.of(key, "notes.txt", 300_000, "ab".repeat(32), 256 * 1024);
        FileOffer back = FileOffer.fromPlaintext(offer.toPlaintext()).orElseThrow();
        assertEquals(offer, back);
        assertEquals(2, back.chunks());
        assertEquals(key, back.fileKey());
        assertEquals(1, FileOffer.of(key, "empty", 0, "00", 1024).chunks());
        assertTrue(FileOffer.fromPlaintext("hello".getBytes(UTF_8)).isEmpty());
        byte[] damaged = offer.toPlaintext();
        damaged[damaged.length - 3] = '{';
        assertThrows(IllegalArgumentException.class, () -> FileOffer.fromPlaintext(damaged));
        FileOffer badKey = new FileOffer("f1", "x", 1, "00", 1024, "AAAA", "AAAAAA==");
        assertThrows(IllegalArgumentException.class, () -> FileOffer.fromPlaintext(badKey.toPlaintext()));
        assertArrayEquals(key.key(), back.fileKey().key());
    }

    @Test
    void aRefusalIsToldFromAnOfferAndFromText() {
        FileOffer offer = FileOffer.of(key, "notes.txt", 300_000, "ab".repeat(32), 256 * 1024);
        FileDeclined declined = new FileDeclined(offer.fileId(), offer.name());
        assertEquals(declined, FileDeclined.fromPlaintext(declined.toPlaintext()).orElseThrow());
        assertTrue(FileDeclined.fromPlaintext(offer.toPlaintext()).isEmpty());
        assertTrue(FileOffer.fromPlaintext(declined.toPlaintext()).isEmpty());
        assertTrue(FileDeclined.fromPlaintext("declined".getBytes(UTF_8)).isEmpty());
        byte[] noId = new FileDeclined(null, "x").toPlaintext();
        assertThrows(IllegalArgumentException.class, () -> FileDeclined.fromPlaintext(noId));
    }
}
