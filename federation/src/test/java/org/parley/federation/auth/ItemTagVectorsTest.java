package org.parley.federation.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.federation.gossip.NodeRecord;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.EnvelopeKind;
import org.parley.federation.wire.PeerMessage;
import org.parley.federation.wire.PeerWire;
import org.parley.federation.wire.Refusal;
import org.parley.federation.wire.StreamAck;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.frame.FrameDecoder;

/**
 * Tags and sealed frames pinned byte for byte for fixed node keys: nodes of different builds must
 * agree on them, so however tags are computed, these stay. The vectors were made by the first
 * implementation (link protocol version 3), which encoded every covered item anew and tagged it with
 * javax.crypto.Mac.
 */
class ItemTagVectorsTest {

    private static final HexFormat HEX = HexFormat.of();

    private static NodeIdentity node(String name, int firstSeedByte) {
        byte[] seed = new byte[32];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) (firstSeedByte + i);
        }
        return new NodeIdentity(name, seed);
    }

    private static NodeRecord record(NodeIdentity node) {
        return new NodeRecord(node.name(), org.parley.protocol.crypto.Base64Key.encode(node.publicKey()),
                org.parley.protocol.crypto.Base64Key.encode(node.agreementPublic()), List.of(), Map.of(), 1);
    }

    private final NodeIdentity a = node("node-a", 1);
    private final NodeIdentity b = node("node-b", 101);
    private final Map<String, NodeRecord> records = Map.of("node-a", record(a), "node-b", record(b));
    private final ItemAuthenticator atA = new ItemAuthenticator(a, name -> Optional.ofNullable(records.get(name)));
    private final ItemAuthenticator atB = new ItemAuthenticator(b, name -> Optional.ofNullable(records.get(name)));

    private static final byte[] BODY = "sealed text".getBytes(StandardCharsets.UTF_8);
    private static final Envelope CHAT = new Envelope("node-a", "node-b", 8, 1795272800123L, 42, 40,
            EnvelopeKind.CHAT, "m1", "alice@node-a", "bob@node-b", 1795272805000L, null);
    private static final Envelope GROUP = new Envelope("node-a", "node-b", 3, 1795272800123L, 43, 40,
            EnvelopeKind.GROUP, "m-é✓", "carol@node-c", "#tëam@node-a", 1795272806000L,
            List.of("bob@node-b", "dave@node-b"));
    private static final Envelope RECEIPTS = new Envelope("node-a", "node-b", 8, 1795272800123L, 44, 40,
            EnvelopeKind.RECEIPTS, "receipts:1795272800123:1", null, null, 1795272807000L, null);
    private static final StreamAck ACK = new StreamAck("node-b", "node-a", 8, 1795272800123L, 42, null);
    private static final StreamAck ACK_WITH_FAILURES = new StreamAck("node-b", "node-a", 8, 1795272800123L, 44,
            Map.of(44L, Refusal.MAILBOX_FULL, 43L, Refusal.UNKNOWN_USER));

    @Test
    void theFrameOfASealedChatEnvelopeIsPinned() {
        assertEquals(hex("00000088", // frame length
                        "00000079", // header length
                        "01", "00000008", // compact envelope, 8 hops
                        "000001a1fe98f77b", "000000000000002a", "0000000000000028", "000001a1fe990a88", // stream, seq, base, sentAt
                        "00000006", "6e6f64652d61", "00000006", "6e6f64652d62", // node-a, node-b
                        "00000004", "63686174", "00000002", "6d31", // chat, m1
                        "0000000c", "616c696365406e6f64652d61", "0000000a", "626f62406e6f64652d62", // alice@node-a, bob@node-b
                        "ffffffff", // no members
                        "d0f62c35035a169213dd44de33784929", // tag
                        "7365616c65642074657874"), // body
                HEX.formatHex(sealedFrame(CHAT, BODY)));
    }

    @Test
    void theFrameOfASealedGroupEnvelopeWithMembersAndNonAsciiTextIsPinned() {
        assertEquals(hex("000000ae", "0000009f", "01", "00000003",
                        "000001a1fe98f77b", "000000000000002b", "0000000000000028", "000001a1fe990e70",
                        "00000006", "6e6f64652d61", "00000006", "6e6f64652d62",
                        "00000005", "67726f7570", "00000007", "6d2dc3a9e29c93", // group, m-é✓
                        "0000000c", "6361726f6c406e6f64652d63", "0000000d", "2374c3ab616d406e6f64652d61", // #tëam@node-a
                        "00000002", "0000000a", "626f62406e6f64652d62", "0000000b", "64617665406e6f64652d62", // members
                        "6d1f9fe974cc25c085fef1fe475054d1",
                        "7365616c65642074657874"),
                HEX.formatHex(sealedFrame(GROUP, BODY)));
    }

    @Test
    void theFrameOfASealedAcknowledgementWithFailuresIsPinned() {
        assertEquals(hex("00000064", "00000060", "02", "00000008", // compact stream-ack, 8 hops
                        "000001a1fe98f77b", "000000000000002c", // stream, seq
                        "00000006", "6e6f64652d62", "00000006", "6e6f64652d61", // node-b, node-a
                        "00000002", "000000000000002b", "00000007", "756e6b6e6f776e", // 43 unknown
                        "000000000000002c", "00000004", "66756c6c", // 44 full
                        "132b22d0344b92cd13b754b1b5cd0ed0"), // tag
                HEX.formatHex(PeerWire.encoder().encode(atB.seal(ACK_WITH_FAILURES).orElseThrow())));
    }

    @Test
    void theTagsOfEnvelopesOfEveryShapeArePinned() {
        assertEquals("d0f62c35035a169213dd44de33784929", tagOf(CHAT, BODY));
        assertEquals("6d1f9fe974cc25c085fef1fe475054d1", tagOf(GROUP, BODY));
        assertEquals("ae1a39f81c9de9d7c6edd1fe7dae25f5", tagOf(RECEIPTS, new byte[0]));
        assertEquals(tagOf(CHAT, BODY), tagOf(CHAT.forwarded().forwarded(), BODY),
                "the hops are not covered: the same tag at any hop");
    }

    @Test
    void theTagsOfAcknowledgementsArePinned() {
        assertEquals("703350828d48865d0c9f697d28e95089", tagOf(ACK));
        assertEquals("132b22d0344b92cd13b754b1b5cd0ed0", tagOf(ACK_WITH_FAILURES));
    }

    @Test
    void whatIsSealedAtTheOriginIsAuthenticAtTheDestinationOnceReadFromTheWire() throws Exception {
        for (Envelope envelope : List.of(CHAT, GROUP, RECEIPTS)) {
            Frame<PeerMessage> read = readBack(sealedFrame(envelope, BODY));
            assertTrue(atB.authentic((Envelope) read.header(), read.body()), envelope.id());
        }
        for (StreamAck ack : List.of(ACK, ACK_WITH_FAILURES)) {
            Frame<PeerMessage> read = readBack(PeerWire.encoder().encode(atB.seal(ack).orElseThrow()));
            assertTrue(atA.authentic((StreamAck) read.header()));
        }
    }

    @Test
    void framesSealedInPlaceForTheWireAreThePinnedOnes() {
        for (Envelope envelope : List.of(CHAT, GROUP, RECEIPTS)) {
            assertEquals(HEX.formatHex(sealedFrame(envelope, BODY)),
                    HEX.formatHex(atA.sealedFrame(envelope, BODY).orElseThrow()), envelope.id());
        }
        for (StreamAck ack : List.of(ACK, ACK_WITH_FAILURES)) {
            assertEquals(HEX.formatHex(PeerWire.encoder().encode(atB.seal(ack).orElseThrow())),
                    HEX.formatHex(atB.sealedFrame(ack).orElseThrow()));
        }
    }

    @Test
    void aReceivedItemIsCheckedOverTheBytesThatCameWhateverTheHopsAndNoOthers() throws Exception {
        String sealed = HEX.formatHex(atA.sealedFrame(CHAT, BODY).orElseThrow());
        String fewerHops = sealed.replaceFirst("^(.{16})0100000008", "$10100000005");
        String otherSeq = sealed.replace("000000000000002a", "000000000000002b");

        assertTrue(authenticAtB(fewerHops));
        assertFalse(authenticAtB(otherSeq));
    }

    @Test
    void bytesAlteredSoThatTheyReadAsTheSameFieldsAreRefused() throws Exception {
        // U+FFFD in an id is EF BF BD; a lone 0xFF reads back as U+FFFD too
        Envelope replaced = new Envelope("node-a", "node-b", 8, 1795272800123L, 42, 40, EnvelopeKind.CHAT, "m\uFFFD",
                "alice@node-a", "bob@node-b", 1795272805000L, null);
        String sealed = HEX.formatHex(atA.sealedFrame(replaced, BODY).orElseThrow());
        String altered = sealed.replace("000000046defbfbd", "000000026dff")
                .replaceFirst("^0000008a0000007b", "0000008800000079"); // two bytes fewer

        assertTrue(authenticAtB(sealed));
        assertEquals(readBack(HEX.parseHex(sealed)).header(), readBack(HEX.parseHex(altered)).header(),
                "the same fields, tag and all");
        assertFalse(authenticAtB(altered), "but not the bytes the origin sealed");
    }

    private boolean authenticAtB(String frameHex) throws Exception {
        Frame<PeerMessage> read = readBack(HEX.parseHex(frameHex));
        return atB.authentic((Envelope) read.header(), read.body());
    }

    private byte[] sealedFrame(Envelope envelope, byte[] body) {
        return PeerWire.encoder().encode(atA.seal(envelope, body).orElseThrow(), body);
    }

    private String tagOf(Envelope envelope, byte[] body) {
        var tag = atA.seal(envelope, body).orElseThrow().tag();
        return String.format("%016x%016x", tag.high(), tag.low());
    }

    private String tagOf(StreamAck ack) {
        var tag = atB.seal(ack).orElseThrow().tag();
        return String.format("%016x%016x", tag.high(), tag.low());
    }

    private static String hex(String... fields) {
        return String.join("", fields);
    }

    private static Frame<PeerMessage> readBack(byte[] frame) throws Exception {
        FrameDecoder<PeerMessage> decoder = PeerWire.decoder();
        decoder.limits(PeerWire.LIMITS);
        List<Frame<PeerMessage>> frames = new ArrayList<>();
        decoder.feed(frame, frames::add);
        assertEquals(1, frames.size());
        return frames.get(0);
    }
}
