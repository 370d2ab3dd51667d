package org.parley.federation.wire;

import org.parley.protocol.message.ReceiptStatus;
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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.frame.FrameDecoder;
import org.parley.protocol.frame.ProtocolException;
import org.parley.protocol.message.ErrorCode;

class PeerHeadersTest {

    private final PeerHeaders headers = new PeerHeaders();

    private static final Envelope CHAT = new Envelope("node-a", "node-c", 16, 1795272800123L, 42, 40, EnvelopeKind.CHAT,
            "m1", "alice@node-a", "carol@node-c", 1795272805000L, null);

    /** The layout in docs/PROTOCOL.md, byte for byte. */
    @Test
    void anEnvelopeIsWrittenInTheDocumentedLayout() {
        ByteBuffer expected = ByteBuffer.allocate(256).put((byte) 0x01)
                .putInt(16).putLong(1795272800123L).putLong(42).putLong(40).putLong(1795272805000L);
        for (String field : List.of("node-a", "node-c", "chat", "m1", "alice@node-a", "carol@node-c")) {
            expected.putInt(field.length()).put(field.getBytes(StandardCharsets.US_ASCII));
        }
        expected.putInt(-1); // no members
        expected.putLong(0).putLong(0); // no tag yet

        assertArrayEquals(Arrays.copyOf(expected.array(), expected.position()), headers.write(CHAT));
    }

    @Test
    void envelopesOfEveryShapeReadBackEqual() throws IOException {
        List<Envelope> shapes = List.of(CHAT,
                new Envelope("node-a", "node-b", 3, 7, 8, 1, EnvelopeKind.GROUP, "g1", "carol@node-c", "#tëam@node-a",
                        0, List.of("bob@node-b", "dave@node-b")),
                new Envelope("node-a", "node-b", 1, 0, 0, 0, EnvelopeKind.RECEIPTS, "receipts:1:2", null, null, -5,
                        List.of()),
                new Envelope(null, null, 0, Long.MIN_VALUE, Long.MAX_VALUE, -1, null, null, null, null, 0, null));
        for (Envelope envelope : shapes) {
            byte[] bytes = headers.write(envelope);
            assertEquals(PeerHeaders.ENVELOPE, bytes[0]);
            assertEquals(envelope, headers.read(bytes, 0, bytes.length));
        }
    }

    @Test
    void streamAcksReadBackEqualWithAndWithoutFailures() throws IOException {
        for (StreamAck ack : List.of(new StreamAck("node-c", "node-a", 16, 1795272800123L, 42, null),
                new StreamAck("node-c", "node-a", 2, 9, 42, Map.of(41L, Refusal.MAILBOX_FULL, 39L, Refusal.UNKNOWN_USER)))) {
            byte[] bytes = headers.write(ack);
            assertEquals(PeerHeaders.STREAM_ACK, bytes[0]);
            assertEquals(ack, headers.read(bytes, 0, bytes.length));
        }
    }

    @Test
    void otherHeadersStayJson() throws IOException {
        PeerMessage digest = new GossipDigest(Map.of("node-a", 17L));
        byte[] bytes = headers.write(digest);

        assertEquals('{', bytes[0]);
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("\"type\":\"digest\""));
        assertEquals(digest, headers.read(bytes, 0, bytes.length));
    }

    @Test
    void aHeaderCutShortAnywhereIsRefusedWithAReason() {
        byte[] whole = headers.write(new Envelope("node-a", "node-b", 3, 7, 8, 1, EnvelopeKind.GROUP, "g1", "c@node-c",
                "#t@node-a", 0, List.of("bob@node-b")));
        for (int cut = 1; cut < whole.length; cut++) {
            int length = cut;
            IOException e = assertThrows(IOException.class, () -> headers.read(whole, 0, length), "cut at " + cut);
            assertTrue(e.getMessage().startsWith("bad compact envelope"), e.getMessage());
        }
    }

    @Test
    void hostileLengthsAreRefusedBeforeAnythingIsAllocated() {
        byte[] hugeString = ByteBuffer.allocate(1 + 4 + 8 * 4 + 4).put((byte) 0x01).putInt(1).putLong(1).putLong(1)
                .putLong(1).putLong(1).putInt(Integer.MAX_VALUE).array();
        IOException e = assertThrows(IOException.class, () -> headers.read(hugeString, 0, hugeString.length));
        assertTrue(e.getMessage().contains("a string of 2147483647 bytes"), e.getMessage());

        byte[] hugeList = ByteBuffer.allocate(1 + 4 + 8 + 8 + 4 + 4 + 4).put((byte) 0x02).putInt(1).putLong(1)
                .putLong(1).putInt(-1).putInt(-1).putInt(1 << 30).array();
        e = assertThrows(IOException.class, () -> headers.read(hugeList, 0, hugeList.length));
        assertTrue(e.getMessage().contains("a list of 1073741824 items"), e.getMessage());

        byte[] trailing = Arrays.copyOf(headers.write(CHAT), headers.write(CHAT).length + 1);
        e = assertThrows(IOException.class, () -> headers.read(trailing, 0, trailing.length));
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
    }

    @Test
    void aLinkDecoderRefusesAFrameWithAnUnknownTag() {
        byte[] frame = ByteBuffer.allocate(4 + 4 + 3).putInt(4 + 3).putInt(3).put(new byte[] {0x07, 0, 0}).array();
        FrameDecoder<PeerMessage> decoder = PeerWire.decoder();

        ProtocolException e = assertThrows(ProtocolException.class, () -> decoder.feed(frame, f -> { }));
        assertEquals(ErrorCode.MALFORMED_FRAME, e.code());
    }

    @Test
    void framesCarryCompactHeadersAndBodiesThroughTheLinkDecoder() throws ProtocolException {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] stream = concat(PeerWire.encoder().encode(CHAT, body), PeerWire.encoder().encode(new LinkPing()),
                PeerWire.encoder().encode(new StreamAck("node-c", "node-a", 16, 1, 42, null)));
        List<Frame<PeerMessage>> frames = new ArrayList<>();

        PeerWire.decoder().feed(stream, frames::add);

        assertEquals(3, frames.size());
        assertEquals(CHAT, frames.get(0).header());
        assertArrayEquals(body, frames.get(0).body());
        assertTrue(frames.get(1).header() instanceof LinkPing);
        assertEquals(42, ((StreamAck) frames.get(2).header()).seq());
    }

    @Test
    void receiptNotesReadBackEqualAndAHostileBodyIsRefused() throws IOException {
        List<ReceiptNote> notes = List.of(new ReceiptNote("m1", "bob@node-b", "alice@node-a", ReceiptStatus.DELIVERED),
                new ReceiptNote("m2", "bøb@node-b", "alice@node-a", null));

        assertEquals(notes, ReceiptNote.decodeAll(ReceiptNote.encodeAll(notes)));
        assertEquals(List.of(), ReceiptNote.decodeAll(ReceiptNote.encodeAll(List.of())));
        assertThrows(IOException.class, () -> ReceiptNote.decodeAll(new byte[0]));
        assertThrows(IOException.class, () -> ReceiptNote.decodeAll("[{\"id\":\"m1\"}]".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> ReceiptNote.decodeAll(ByteBuffer.allocate(8).putInt(1 << 28).array()));
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }
}
