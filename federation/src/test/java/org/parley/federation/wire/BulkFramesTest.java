package org.parley.federation.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.frame.ProtocolException;

/** The frames of bulk streams: bulk-data compact, as docs/PROTOCOL.md lays it out, the rest JSON. */
class BulkFramesTest {

    private final PeerHeaders headers = new PeerHeaders();

    @Test
    void bulkDataIsWrittenInTheDocumentedLayout() {
        byte[] expected = ByteBuffer.allocate(22)
                .put((byte) 0x03)       // bulk-data
                .putInt(3)              // stream
                .putLong(17)            // item seq
                .putInt(120)            // the item's header bytes
                .putInt(65_536)         // offset of this piece in the item
                .put((byte) 1)          // the item's last piece
                .array();

        assertArrayEquals(expected, headers.write(new BulkData(3, 17, 120, 65_536, true)));
    }

    @Test
    void bulkDataReadsBackEqual() throws IOException {
        for (BulkData data : List.of(new BulkData(1, 1, 0, 0, false), new BulkData(Integer.MAX_VALUE, Long.MAX_VALUE,
                4096, 1 << 20, true), new BulkData(-2, -1, -1, -1, false))) {
            byte[] bytes = headers.write(data);
            assertEquals(data, headers.read(bytes, 0, bytes.length));
        }
    }

    @Test
    void aBulkDataHeaderCutShortOrWithAStrayMarkIsRefusedWithAReason() {
        byte[] whole = headers.write(new BulkData(3, 17, 120, 0, false));
        for (int cut = 1; cut < whole.length; cut++) {
            int length = cut;
            IOException e = assertThrows(IOException.class, () -> headers.read(whole, 0, length), "cut at " + cut);
            assertTrue(e.getMessage().startsWith("bad compact bulk-data"), e.getMessage());
        }
        byte[] stray = whole.clone();
        stray[stray.length - 1] = 2;
        IOException e = assertThrows(IOException.class, () -> headers.read(stray, 0, stray.length));
        assertTrue(e.getMessage().contains("last-piece mark of 2"), e.getMessage());
        byte[] trailing = Arrays.copyOf(whole, whole.length + 1);
        e = assertThrows(IOException.class, () -> headers.read(trailing, 0, trailing.length));
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
    }

    @Test
    void theOtherBulkFramesAreJsonAndReadBackEqual() throws IOException {
        for (BulkMessage message : List.of(new BulkOpen(2, "file"), new BulkCredit(2, 4L << 20),
                new BulkSettle(2, 9, "refused", "quota"), new BulkSettle(2, 10, "delivered", null), new BulkClose(2),
                new BulkReset(2, "nobody here takes video streams"))) {
            byte[] bytes = headers.write(message);
            assertEquals('{', bytes[0]);
            assertEquals(message, headers.read(bytes, 0, bytes.length));
        }
        assertEquals("{\"type\":\"bulk-settle\",\"stream\":2,\"seq\":10,\"how\":\"delivered\"}",
                new String(headers.write(new BulkSettle(2, 10, "delivered", null)), StandardCharsets.UTF_8));
    }

    @Test
    void aBulkPieceCrossesTheLinkDecoderWithItsBodyAfterAChatFrame() throws ProtocolException {
        byte[] piece = new byte[64 * 1024];
        piece[0] = 7;
        byte[] chat = PeerWire.encoder().encode(new LinkPing());
        byte[] data = PeerWire.encoder().encode(new BulkData(1, 1, 0, 0, true), piece);
        byte[] stream = ByteBuffer.allocate(chat.length + data.length).put(chat).put(data).array();
        List<Frame<PeerMessage>> frames = new ArrayList<>();

        var decoder = PeerWire.decoder();
        decoder.limits(PeerWire.LIMITS);
        for (int at = 0; at < stream.length; at += 1000) {
            decoder.feed(stream, at, Math.min(1000, stream.length - at), frames::add);
        }

        assertEquals(2, frames.size());
        assertEquals(new BulkData(1, 1, 0, 0, true), frames.get(1).header());
        assertArrayEquals(piece, frames.get(1).body());
    }
}
