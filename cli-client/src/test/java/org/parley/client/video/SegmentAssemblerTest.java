package org.parley.client.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.parley.protocol.message.VideoData;

class SegmentAssemblerTest {

    private static VideoData piece(int segment, long offset, boolean last) {
        return new VideoData("s1", segment, "480p", segment * 2000L, offset, last);
    }

    private static byte[] joined(Segment segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        segment.pieces().forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Test
    void aSegmentIsGivenOnlyOnceItsLastPieceCame() {
        SegmentAssembler assembler = new SegmentAssembler(3);
        assertNull(assembler.accept(piece(3, 0, false), new byte[] {1, 2}));
        assertNull(assembler.accept(piece(3, 2, false), new byte[] {3}));
        Segment whole = assembler.accept(piece(3, 3, true), new byte[] {4, 5});

        assertEquals(3, whole.index());
        assertEquals(6000, whole.startMillis());
        assertEquals(5, whole.bytes());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, joined(whole));
        assertEquals(4, assembler.next());
    }

    @Test
    void aCutStreamDropsItsPartialSegmentAndResumesAtIt() {
        SegmentAssembler assembler = new SegmentAssembler(0);
        assembler.accept(piece(0, 0, true), new byte[] {9});
        assembler.accept(piece(1, 0, false), new byte[] {7, 7});

        assertEquals(2, assembler.drop());
        assertEquals(1, assembler.next());
        Segment again = assembler.accept(piece(1, 0, true), new byte[] {8});
        assertArrayEquals(new byte[] {8}, joined(again), "nothing of the cut try is in the segment");
    }

    @Test
    void aSegmentAlreadyWholeSentAgainIsLetGo() {
        SegmentAssembler assembler = new SegmentAssembler(0);
        assembler.accept(piece(0, 0, true), new byte[] {1});
        assertNull(assembler.accept(piece(0, 0, true), new byte[] {1}));
        assertEquals(1, assembler.next());
    }

    @Test
    void piecesOutOfOrderBreakTheStream() {
        SegmentAssembler assembler = new SegmentAssembler(0);
        IllegalStateException skipped = assertThrows(IllegalStateException.class,
                () -> assembler.accept(piece(2, 0, true), new byte[] {1}));
        assertTrue(skipped.getMessage().contains("skipped from segment 0 to segment 2"), skipped.getMessage());

        assembler.accept(piece(0, 0, false), new byte[] {1, 2});
        IllegalStateException gap = assertThrows(IllegalStateException.class,
                () -> assembler.accept(piece(0, 5, true), new byte[] {1}));
        assertTrue(gap.getMessage().contains("from byte 5 where byte 2 was due"), gap.getMessage());
    }

    @Test
    void aSegmentThatNeverEndsIsRefusedPastItsLimit() {
        SegmentAssembler assembler = new SegmentAssembler(0);
        byte[] mebibyte = new byte[1 << 20];
        long offset = 0;
        for (int i = 0; i < SegmentAssembler.MAX_SEGMENT_BYTES >> 20; i++) {
            assembler.accept(piece(0, offset, false), mebibyte);
            offset += mebibyte.length;
        }
        long at = offset;
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> assembler.accept(piece(0, at, false), mebibyte));
        assertTrue(refused.getMessage().contains("grew past 64 MiB"), refused.getMessage());
    }
}
