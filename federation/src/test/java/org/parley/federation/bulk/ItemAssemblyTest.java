package org.parley.federation.bulk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.parley.federation.wire.BulkData;

/** An item joined from its pieces: header and body split wherever the pieces fall, and every rule a peer may break. */
class ItemAssemblyTest {

    private static byte[] bytes(int length, int first) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return bytes;
    }

    @Test
    void piecesCutAnywhereJoinIntoTheHeaderAndBodyTheySpan() throws Exception {
        byte[] header = bytes(10, 0);
        byte[] body = bytes(25, 10);
        byte[] all = bytes(35, 0);
        for (int cut = 1; cut < all.length; cut++) {
            ItemAssembly item = new ItemAssembly(new BulkData(1, 7, header.length, 0, false));

            assertFalse(item.add(new BulkData(1, 7, header.length, 0, false), Arrays.copyOfRange(all, 0, cut)));
            assertTrue(item.add(new BulkData(1, 7, header.length, cut, true), Arrays.copyOfRange(all, cut, all.length)));

            BulkItem whole = item.item();
            assertEquals(7, whole.seq());
            assertArrayEquals(header, whole.header(), "cut at " + cut);
            assertArrayEquals(body, whole.body(), "cut at " + cut);
        }
    }

    @Test
    void anEmptyItemIsOneEmptyLastPiece() throws Exception {
        ItemAssembly item = new ItemAssembly(new BulkData(1, 1, 0, 0, true));

        assertTrue(item.add(new BulkData(1, 1, 0, 0, true), new byte[0]));

        assertEquals(0, item.item().bytes());
    }

    @Test
    void aPieceOutOfPlaceIsRefused() throws Exception {
        ItemAssembly item = new ItemAssembly(new BulkData(1, 1, 0, 0, false));
        item.add(new BulkData(1, 1, 0, 0, false), new byte[100]);

        assertThrows(BulkViolation.class, () -> item.add(new BulkData(1, 1, 0, 50, false), new byte[10]), "overlap");
        assertThrows(BulkViolation.class, () -> item.add(new BulkData(1, 1, 0, 200, false), new byte[10]), "gap");
        assertThrows(BulkViolation.class, () -> item.add(new BulkData(1, 2, 0, 100, false), new byte[10]), "next item");
        assertThrows(BulkViolation.class, () -> item.add(new BulkData(1, 1, 5, 100, false), new byte[10]), "header");
        assertThrows(BulkViolation.class, () -> item.add(new BulkData(1, 1, 0, 100, false), new byte[0]), "empty");
        assertThrows(BulkViolation.class, () -> new ItemAssembly(new BulkData(1, 1, 0, 10, false)), "not at 0");
    }

    @Test
    void anItemPastTheLargestSizeIsRefusedAsItsPiecesArrive() throws Exception {
        assertThrows(BulkViolation.class, () -> new ItemAssembly(new BulkData(1, 1,
                BulkStreams.MAX_HEADER_BYTES + 1, 0, false)), "header too large");

        ItemAssembly item = new ItemAssembly(new BulkData(1, 1, 0, 0, false));
        int offset = 0;
        while (offset < BulkStreams.MAX_ITEM_BYTES) {
            item.add(new BulkData(1, 1, 0, offset, false), new byte[BulkStreams.MAX_FRAME_BYTES]);
            offset += BulkStreams.MAX_FRAME_BYTES;
        }
        int at = offset;
        BulkViolation e = assertThrows(BulkViolation.class, () -> item.add(new BulkData(1, 1, 0, at, true),
                new byte[1]));
        assertTrue(e.getMessage().contains("a body of more than"), e.getMessage());
    }

    @Test
    void anItemThatEndsInsideItsHeaderIsRefused() throws Exception {
        ItemAssembly item = new ItemAssembly(new BulkData(1, 1, 10, 0, true));

        assertThrows(BulkViolation.class, () -> item.add(new BulkData(1, 1, 10, 0, true), new byte[5]));
    }
}
