package org.parley.federation.wire;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
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
     * Writes the bytes an item's tag covers (before an envelope's body): its compact header with no
     * hops and no tag. Both ends make them from the fields, so neither depends on how the other
     * framed them. One per thread: it keeps its buffer from item to item, since every message
     * between nodes is covered twice (sealed, then checked).
     */
    public static final class Covered {

        private final CompactOut out = new CompactOut(256);

        public Covered of(Envelope envelope) {
            writeEnvelope(envelope, out.reset(), 0, ItemTag.NONE);
            return this;
        }

        public Covered of(StreamAck ack) {
            writeAck(ack, out.reset(), 0, ItemTag.NONE);
            return this;
        }

        /** The bytes, valid up to {@link #length()} until the next {@code of}. */
        public byte[] bytes() {
            return out.array();
        }

        public int length() {
            return out.length();
        }
    }
}
