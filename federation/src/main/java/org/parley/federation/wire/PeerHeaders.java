package org.parley.federation.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.frame.HeaderCodec;
import org.parley.protocol.frame.JsonHeaders;

/**
 * Headers on node links. {@link Envelope} and {@link StreamAck}, which every message between nodes
 * costs, are compact: a tag byte ({@link #ENVELOPE}, {@link #STREAM_ACK}) and fixed fields, which
 * cost a fifth of their JSON to write and read; so is {@link BulkData} ({@link #BULK_DATA}), one per
 * 64 KiB of a bulk stream. Every other header is JSON, whose first byte is {@code '{'}, never a tag. The layouts are in docs/PROTOCOL.md ("Compact headers").
 */
public final class PeerHeaders implements HeaderCodec<PeerMessage> {

    /** First byte of a compact envelope header. */
    public static final int ENVELOPE = 0x01;
    /** First byte of a compact stream-ack header. */
    public static final int STREAM_ACK = 0x02;
    /** First byte of a compact bulk-data header. */
    public static final int BULK_DATA = 0x03;

    private static final int MIN_FAILURE_BYTES = Long.BYTES + Integer.BYTES;
    /** Tag, stream, seq, header bytes, offset, last. */
    private static final int BULK_DATA_BYTES = 1 + Integer.BYTES + Long.BYTES + 2 * Integer.BYTES + 1;

    private final JsonHeaders<PeerMessage> json = JsonHeaders.of(PeerMessage.class);

    @Override
    public byte[] write(PeerMessage header) {
        if (header instanceof Envelope envelope) {
            return writeEnvelope(envelope);
        }
        if (header instanceof StreamAck ack) {
            return writeAck(ack);
        }
        if (header instanceof BulkData data) {
            return writeBulkData(data);
        }
        return json.write(header);
    }

    @Override
    public PeerMessage read(byte[] buffer, int offset, int length) throws IOException {
        int tag = length > 0 ? buffer[offset] : -1;
        if (tag == BULK_DATA) {
            return readBulkData(new CompactIn(buffer, offset + 1, length - 1));
        }
        if (tag != ENVELOPE && tag != STREAM_ACK) {
            return json.read(buffer, offset, length);
        }
        CompactIn in = new CompactIn(buffer, offset + 1, length - 1);
        try {
            PeerMessage header = tag == ENVELOPE ? readEnvelope(in) : readAck(in);
            in.end();
            Covered.RECEIVED.get().keep(header, buffer, offset, length);
            return header;
        } catch (IOException e) {
            throw new IOException("bad compact " + (tag == ENVELOPE ? "envelope" : "stream-ack") + ": "
                    + e.getMessage(), e);
        }
    }

    private static byte[] writeEnvelope(Envelope e) {
        return writeEnvelope(e, new CompactOut(160), e.hops(), e.tag()).toBytes();
    }

    private static CompactOut writeEnvelope(Envelope e, CompactOut out, int hops, ItemTag tag) {
        return out.putByte(ENVELOPE)
                .putInt(hops).putLong(e.stream()).putLong(e.seq()).putLong(e.base()).putLong(e.sentAt())
                .putString(e.origin()).putString(e.destination()).putString(e.kind() == null ? null : e.kind().word()).putString(e.id())
                .putString(e.from()).putString(e.to()).putStrings(e.members())
                .putLong(tag.high()).putLong(tag.low());
    }

    private static Envelope readEnvelope(CompactIn in) throws IOException {
        int hops = in.getInt();
        long stream = in.getLong();
        long seq = in.getLong();
        long base = in.getLong();
        long sentAt = in.getLong();
        return new Envelope(in.getString(), in.getString(), hops, stream, seq, base, EnvelopeKind.of(in.getString()),
                in.getString(),
                in.getString(), in.getString(), sentAt, in.getStrings(), new ItemTag(in.getLong(), in.getLong()));
    }

    private static byte[] writeAck(StreamAck ack) {
        return writeAck(ack, new CompactOut(64), ack.hops(), ack.tag()).toBytes();
    }

    private static CompactOut writeAck(StreamAck ack, CompactOut out, int hops, ItemTag tag) {
        out.putByte(STREAM_ACK)
                .putInt(hops).putLong(ack.stream()).putLong(ack.seq())
                .putString(ack.origin()).putString(ack.destination());
        if (ack.failures() == null) {
            out.putInt(-1);
        } else {
            out.putInt(ack.failures().size());
            // In order of position, so that the bytes a tag covers are the same at both ends.
            new java.util.TreeMap<>(ack.failures()).forEach((seq, refusal) -> out.putLong(seq).putString(refusal.word()));
        }
        return out.putLong(tag.high()).putLong(tag.low());
    }

    private static StreamAck readAck(CompactIn in) throws IOException {
        int hops = in.getInt();
        long stream = in.getLong();
        long seq = in.getLong();
        String origin = in.getString();
        String destination = in.getString();
        int count = in.getCount(MIN_FAILURE_BYTES);
        Map<Long, Refusal> failures = null;
        if (count >= 0) {
            failures = new HashMap<>();
            for (int i = 0; i < count; i++) {
                failures.put(in.getLong(), Refusal.of(in.getString()));
            }
        }
        return new StreamAck(origin, destination, hops, stream, seq, failures, new ItemTag(in.getLong(), in.getLong()));
    }

    private static byte[] writeBulkData(BulkData data) {
        return new CompactOut(BULK_DATA_BYTES).putByte(BULK_DATA).putInt(data.stream()).putLong(data.seq())
                .putInt(data.headerBytes()).putInt(data.offset()).putByte(data.last() ? 1 : 0).toBytes();
    }

    private static BulkData readBulkData(CompactIn in) throws IOException {
        try {
            BulkData data = new BulkData(in.getInt(), in.getLong(), in.getInt(), in.getInt(), lastMark(in.getByte()));
            in.end();
            return data;
        } catch (IOException e) {
            throw new IOException("bad compact bulk-data: " + e.getMessage(), e);
        }
    }

    private static boolean lastMark(int mark) throws IOException {
        if (mark != 0 && mark != 1) {
            throw new IOException("a last-piece mark of " + mark + " (0 or 1)");
        }
        return mark == 1;
    }

    /**
     * The bytes an item's tag covers: its compact header with the hops and the tag read as zeros
     * (relays lower the one, the other is what is computed), then an envelope's body. They are fed to
     * a MAC straight from the header as it is written for the wire, or as it arrived, so that sealing
     * an item or checking one encodes nothing a second time; with those fields zeroed where they
     * lie, so that the MAC takes the header (and a sealed frame's body with it) in one update rather
     * than in four pieces around them. Thread-safe: what it keeps of what arrived, it keeps per thread.
     */
    public static final class Covered {

        /** Where covered bytes go: a MAC's update. */
        @FunctionalInterface
        public interface Sink {
            void update(byte[] bytes, int offset, int length);
        }

        private static final int HOPS_END = 1 + Integer.BYTES;
        private static final int TAG_BYTES = 2 * Long.BYTES;
        private static final ThreadLocal<Received> RECEIVED = ThreadLocal.withInitial(Received::new);

        private Covered() {
        }

        /**
         * What the tag of the item in {@code frame} covers: an envelope (with its body) or an
         * acknowledgement, as {@link PeerWire#encoder()} wrote it, to be sealed: its tag is zeroed
         * (for {@link #tagFrame} to write), and its hops while {@code mac} takes it. The frame must
         * not be in use elsewhere meanwhile.
         */
        public static void ofFrame(byte[] frame, Sink mac) {
            int start = FrameEncoder.HEADER_OFFSET;
            int tagAt = start + FrameEncoder.headerLength(frame) - TAG_BYTES;
            ByteBuffer view = ByteBuffer.wrap(frame);
            int hops = view.getInt(start + 1);
            zeroCovered(frame, start, tagAt);
            mac.update(frame, start, frame.length - start);
            view.putInt(start + 1, hops);
        }

        /** Writes {@code tag} into the header of the item in {@code frame}, in place. */
        public static void tagFrame(byte[] frame, ItemTag tag) {
            int end = FrameEncoder.HEADER_OFFSET + FrameEncoder.headerLength(frame);
            ByteBuffer.wrap(frame, end - TAG_BYTES, TAG_BYTES).putLong(tag.high()).putLong(tag.low());
        }

        /**
         * What the tag of {@code envelope} covers but for its body: the bytes it arrived as if it is
         * the item this thread read last (a link reads a frame and hands it on in one go), else its
         * encoding.
         */
        public static void of(Envelope envelope, Sink mac) {
            if (!RECEIVED.get().cover(envelope, mac)) {
                CompactOut out = writeEnvelope(envelope, new CompactOut(256), 0, ItemTag.NONE);
                mac.update(out.array(), 0, out.length());
            }
        }

        /** As {@link #of(Envelope, Sink)}, for an acknowledgement. */
        public static void of(StreamAck ack, Sink mac) {
            if (!RECEIVED.get().cover(ack, mac)) {
                CompactOut out = writeAck(ack, new CompactOut(64), 0, ItemTag.NONE);
                mac.update(out.array(), 0, out.length());
            }
        }

        /** Zeroes the hops of the header at {@code start} and its tag at {@code tagAt}, in place. */
        private static void zeroCovered(byte[] bytes, int start, int tagAt) {
            Arrays.fill(bytes, start + 1, start + HOPS_END, (byte) 0);
            Arrays.fill(bytes, tagAt, tagAt + TAG_BYTES, (byte) 0);
        }

        /**
         * The compact header of the item one thread read last, hops and tag zeroed in this copy. Only
         * that very item (the same object, whose fields were read from these bytes) is checked over
         * them: any other is encoded.
         */
        private static final class Received {

            /** Larger headers (long member lists) are kept only until the next one. */
            private final byte[] buffer = new byte[4096];
            private PeerMessage item;
            private byte[] bytes;
            private int length;

            void keep(PeerMessage read, byte[] from, int offset, int length) {
                bytes = length <= buffer.length ? buffer : new byte[length];
                System.arraycopy(from, offset, bytes, 0, length);
                zeroCovered(bytes, 0, length - TAG_BYTES);
                this.length = length;
                item = read;
            }

            boolean cover(PeerMessage candidate, Sink mac) {
                if (candidate != item) {
                    return false;
                }
                mac.update(bytes, 0, length);
                return true;
            }
        }
    }
}
