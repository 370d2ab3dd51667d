package org.parley.protocol.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.Ping;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.WhoRequest;

class FrameDecoderTest {

    private static final byte[] SEND_FRAME = {
        0x00, 0x00, 0x00, 0x2e,                // length: 46 bytes follow (4 + 36 + 6)
        0x00, 0x00, 0x00, 0x24,                // header length: 36
        '{', '"', 't', 'y', 'p', 'e', '"', ':', '"', 's', 'e', 'n', 'd', '"', ',',
        '"', 'i', 'd', '"', ':', '"', 'm', '1', '"', ',',
        '"', 't', 'o', '"', ':', '"', 'b', 'o', 'b', '"', '}',
        'h', 'e', 'l', 'l', 'o', '!',          // body: 6 raw bytes
    };

    private final FrameDecoder<ClientMessage> decoder = FrameDecoder.fromClients(FrameLimits.CLIENT_TO_NODE);

    @Test
    void decodesAGoldenFrame() throws Exception {
        List<Frame<ClientMessage>> frames = feed(decoder, SEND_FRAME);

        assertEquals(1, frames.size());
        assertEquals(new Send("m1", "bob"), frames.get(0).header());
        assertArrayEquals("hello!".getBytes(StandardCharsets.US_ASCII), frames.get(0).body());
        assertEquals(0, decoder.buffered());
    }

    @Test
    void encoderWritesTheGoldenFrameByteForByte() {
        byte[] encoded = FrameEncoder.client().encode(new Send("m1", "bob"), "hello!".getBytes(StandardCharsets.US_ASCII));

        assertArrayEquals(SEND_FRAME, encoded);
    }

    @Test
    void aFrameSplitAtEveryOffsetDecodesTheSame() throws Exception {
        for (int cut = 0; cut <= SEND_FRAME.length; cut++) {
            FrameDecoder<ClientMessage> fresh = FrameDecoder.fromClients(FrameLimits.CLIENT_TO_NODE);
            List<Frame<ClientMessage>> frames = new ArrayList<>();
            fresh.feed(SEND_FRAME, 0, cut, frames::add);
            fresh.feed(SEND_FRAME, cut, SEND_FRAME.length - cut, frames::add);

            assertEquals(1, frames.size(), "cut at " + cut);
            assertEquals(new Send("m1", "bob"), frames.get(0).header(), "cut at " + cut);
        }
    }

    @Test
    void severalFramesInOneReadAreAllEmittedInOrder() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            stream.writeBytes(FrameEncoder.client().encode(new WhoRequest("w" + i)));
            stream.writeBytes(FrameEncoder.client().encode(new Send("s" + i, "bob"), new byte[i * 100]));
        }

        List<Frame<ClientMessage>> frames = feed(decoder, stream.toByteArray());

        assertEquals(100, frames.size());
        for (int i = 0; i < 50; i++) {
            assertEquals(new WhoRequest("w" + i), frames.get(2 * i).header());
            assertEquals(i * 100, frames.get(2 * i + 1).body().length);
        }
    }

    @Test
    void aStreamFedInEveryChunkSizeDecodesTheSame() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 20; i++) {
            stream.writeBytes(FrameEncoder.client().encode(new Send("s" + i, "*"), new byte[i * 37]));
        }
        byte[] bytes = stream.toByteArray();
        for (int chunk = 1; chunk <= 64; chunk++) {
            FrameDecoder<ClientMessage> fresh = FrameDecoder.fromClients(FrameLimits.CLIENT_TO_NODE);
            List<Frame<ClientMessage>> frames = new ArrayList<>();
            for (int at = 0; at < bytes.length; at += chunk) {
                fresh.feed(bytes, at, Math.min(chunk, bytes.length - at), frames::add);
            }
            assertEquals(20, frames.size(), "chunk " + chunk);
            assertEquals(new Send("s19", "*"), frames.get(19).header());
            assertEquals(19 * 37, frames.get(19).body().length);
        }
    }

    @Test
    void bytesTheDecoderCouldNotTakeFailItRatherThanLetItReadTheRestOutOfStep() throws Exception {
        byte[] first = FrameEncoder.client().encode(new Send("m1", "bob"), new byte[10_000]);
        byte[] second = FrameEncoder.client().encode(new Send("m2", "bob"), new byte[10_000]);
        List<Frame<ClientMessage>> frames = new ArrayList<>();
        decoder.feed(first, 0, 100, frames::add);

        // The rest of the first frame arrives but cannot be taken, as when the node is out of memory.
        OutOfMemoryError lost = new OutOfMemoryError("Java heap space");
        assertThrows(OutOfMemoryError.class, () -> decoder.feed((target, at) -> {
            throw lost;
        }, first.length - 100, frames::add));

        assertTrue(decoder.failed());
        assertThrows(IllegalStateException.class, () -> decoder.feed(second, frames::add),
                "bytes after the lost ones would be read as a frame's length");
        assertEquals(List.of(), frames);
    }

    @Test
    void anOversizedLengthPrefixIsRefusedBeforeTheFrameArrives() {
        byte[] prefix = {0x06, 0x40, 0x00, 0x00}; // 100 MiB

        ProtocolException e = assertThrows(ProtocolException.class, () -> feed(decoder, prefix));

        assertEquals(ErrorCode.FRAME_TOO_LARGE, e.code());
        assertTrue(e.getMessage().contains("104857600"), e.getMessage());
    }

    @Test
    void aDeclaredLargeFrameCostsOnlyTheBytesThatArrived() throws Exception {
        byte[] prefix = {0x00, 0x0f, (byte) 0xff, 0x00}; // 1 MiB less 256: within the limit

        feed(decoder, prefix);
        feed(decoder, new byte[100]);

        assertEquals(104, decoder.buffered());
        assertTrue(decoder.capacity() <= 4096, "holds " + decoder.capacity() + " bytes for 104 received");
    }

    @Test
    void aBufferGrownForLargeFramesIsKeptWhileTheyComeAndLetGoAfterASmallOne() throws Exception {
        byte[] body = new byte[200_000];
        byte[] frame = FrameEncoder.client().encode(new Send("m1", "bob"), body);
        feed(decoder, java.util.Arrays.copyOf(frame, frame.length - 1));
        assertTrue(decoder.capacity() >= 200_000);

        List<Frame<ClientMessage>> frames = feed(decoder, new byte[] {frame[frame.length - 1]});
        int grown = decoder.capacity();
        frames.addAll(feed(decoder, FrameEncoder.client().encode(new Send("m2", "bob"), body)));
        assertEquals(grown, decoder.capacity(), "the next large frame reuses the buffer");

        frames.addAll(feed(decoder, FrameEncoder.client().encode(new Send("m3", "bob"), new byte[10])));
        assertEquals(3, frames.size());
        assertEquals(4096, decoder.capacity());
    }

    @Test
    void limitsRaisedAfterLoginApplyFromTheNextFrame() throws Exception {
        FrameDecoder<ClientMessage> fresh = FrameDecoder.fromClients(FrameLimits.BEFORE_LOGIN);
        byte[] large = FrameEncoder.client().encode(new Send("m1", "bob"), new byte[20_000]);
        ProtocolException e = assertThrows(ProtocolException.class, () -> fresh.feed(large, f -> { }));
        assertEquals(ErrorCode.FRAME_TOO_LARGE, e.code());

        FrameDecoder<ClientMessage> loggedIn = FrameDecoder.fromClients(FrameLimits.BEFORE_LOGIN);
        loggedIn.limits(FrameLimits.CLIENT_TO_NODE);
        assertEquals(1, feed(loggedIn, large).size());
    }

    @Test
    void aNegativeLengthIsTooLarge() {
        byte[] prefix = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};

        ProtocolException e = assertThrows(ProtocolException.class, () -> feed(decoder, prefix));

        assertEquals(ErrorCode.FRAME_TOO_LARGE, e.code());
    }

    @Test
    void aHeaderLengthBeyondTheFrameIsMalformed() {
        byte[] frame = {
            0x00, 0x00, 0x00, 0x08,   // length 8
            0x00, 0x00, 0x00, 0x10,   // header length 16 > 4 remaining
            '{', '}', ' ', ' ',
        };

        ProtocolException e = assertThrows(ProtocolException.class, () -> feed(decoder, frame));

        assertEquals(ErrorCode.MALFORMED_FRAME, e.code());
    }

    @Test
    void garbageIsMalformed() {
        byte[] garbage = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        ProtocolException e = assertThrows(ProtocolException.class, () -> feed(decoder, garbage));

        // "GET " read as a length is far above the limit.
        assertEquals(ErrorCode.FRAME_TOO_LARGE, e.code());
    }

    @Test
    void headerThatIsNotJsonIsMalformed() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> feed(decoder, rawFrame("not json")));

        assertEquals(ErrorCode.MALFORMED_FRAME, e.code());
    }

    @Test
    void unknownTypeIsMalformed() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> feed(decoder, rawFrame("{\"type\":\"launch-missiles\"}")));

        assertEquals(ErrorCode.MALFORMED_FRAME, e.code());
    }

    @Test
    void aNodeOnlyTypeFromAClientIsMalformed() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> feed(decoder, rawFrame("{\"type\":\"welcome\",\"user\":\"x@y\",\"node\":\"y\"}")));

        assertEquals(ErrorCode.MALFORMED_FRAME, e.code());
    }

    @Test
    void unknownPropertiesAreIgnoredForForwardCompatibility() throws Exception {
        List<Frame<ClientMessage>> frames = feed(decoder, rawFrame("{\"type\":\"ping\",\"future\":42}"));

        assertEquals(new Ping(), frames.get(0).header());
    }

    @Test
    void aFailedDecoderRefusesFurtherInput() {
        assertThrows(ProtocolException.class, () -> feed(decoder, rawFrame("nope")));

        assertThrows(IllegalStateException.class, () -> feed(decoder, SEND_FRAME));
    }

    @Test
    void anOversizedHeaderIsRefused() {
        FrameDecoder<ClientMessage> strict = FrameDecoder.fromClients(new FrameLimits(1024, 16));

        ProtocolException e = assertThrows(ProtocolException.class,
                () -> feed(strict, rawFrame("{\"type\":\"who\",\"id\":\"0123456789\"}")));

        assertEquals(ErrorCode.FRAME_TOO_LARGE, e.code());
    }

    static byte[] rawFrame(String header) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[8 + json.length];
        FrameFormat.writeInt(frame, 0, 4 + json.length);
        FrameFormat.writeInt(frame, 4, json.length);
        System.arraycopy(json, 0, frame, 8, json.length);
        return frame;
    }

    @Test
    void aGoldenFrameDecodesFromOneMessage() throws Exception {
        Frame<ClientMessage> frame = decoder.decodeMessage(SEND_FRAME);

        assertEquals(new Send("m1", "bob"), frame.header());
        assertArrayEquals("hello!".getBytes(StandardCharsets.US_ASCII), frame.body());
    }

    @Test
    void messagesDecodeOneAfterAnother() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(new WhoRequest("w" + i),
                    decoder.decodeMessage(FrameEncoder.client().encode(new WhoRequest("w" + i))).header());
        }
    }

    @Test
    void aMessageWithTwoFramesIsMalformed() {
        byte[] two = new byte[SEND_FRAME.length * 2];
        System.arraycopy(SEND_FRAME, 0, two, 0, SEND_FRAME.length);
        System.arraycopy(SEND_FRAME, 0, two, SEND_FRAME.length, SEND_FRAME.length);

        ProtocolException refused = assertThrows(ProtocolException.class, () -> decoder.decodeMessage(two));

        assertEquals(ErrorCode.MALFORMED_FRAME, refused.code());
        assertTrue(refused.getMessage().contains("exactly one frame"), refused.getMessage());
    }

    @Test
    void aMessageWithPartOfAFrameIsMalformed() {
        byte[] part = java.util.Arrays.copyOf(SEND_FRAME, SEND_FRAME.length - 1);

        assertEquals(ErrorCode.MALFORMED_FRAME,
                assertThrows(ProtocolException.class, () -> decoder.decodeMessage(part)).code());
    }

    @Test
    void aMessageTooShortForALengthIsMalformed() {
        assertEquals(ErrorCode.MALFORMED_FRAME,
                assertThrows(ProtocolException.class, () -> decoder.decodeMessage(new byte[] {0, 0})).code());
    }

    @Test
    void aMessageOverTheLimitIsTooLargeWhateverItsPrefixSays() {
        FrameDecoder<ClientMessage> beforeLogin = FrameDecoder.fromClients(FrameLimits.BEFORE_LOGIN);
        byte[] large = FrameEncoder.client().encode(new Send("m1", "bob"), new byte[20_000]);
        byte[] lying = java.util.Arrays.copyOf(large, large.length);
        FrameFormat.writeInt(lying, 0, Integer.MAX_VALUE);

        assertEquals(ErrorCode.FRAME_TOO_LARGE,
                assertThrows(ProtocolException.class, () -> beforeLogin.decodeMessage(large)).code());
        assertEquals(ErrorCode.FRAME_TOO_LARGE, assertThrows(ProtocolException.class,
                () -> FrameDecoder.fromClients(FrameLimits.BEFORE_LOGIN).decodeMessage(lying)).code());
    }

    @Test
    void theLargestMessageHoldsTheLargestFrameAndItsPrefix() throws Exception {
        FrameLimits limits = FrameLimits.BEFORE_LOGIN;
        byte[] header = FrameEncoder.client().encode(new Send("m1", "bob"));
        byte[] largest = FrameEncoder.client().encode(new Send("m1", "bob"),
                new byte[limits.maxFrameBytes() - (header.length - 4)]);

        assertEquals(limits.maxMessageBytes(), largest.length);
        assertEquals(new Send("m1", "bob"), FrameDecoder.fromClients(limits).decodeMessage(largest).header());
    }

    private static List<Frame<ClientMessage>> feed(FrameDecoder<ClientMessage> decoder, byte[] bytes)
            throws ProtocolException {
        List<Frame<ClientMessage>> frames = new ArrayList<>();
        decoder.feed(bytes, frames::add);
        return frames;
    }
}
