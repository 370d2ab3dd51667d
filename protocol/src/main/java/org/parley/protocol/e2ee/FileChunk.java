package org.parley.protocol.e2ee;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One piece of a file in transit, as the body of a direct message: nodes carry it like any other
 * message (stored in the recipient's mailbox, so a file waits for an offline recipient and a
 * transfer picks up where it broke off). Only the recipient, who got the {@link FileKey} in a
 * {@link FileOffer}, can open it.
 * <pre>
 * "PFC1" | u16 length + UTF-8 file id | u64 index | u8 last | sealed chunk (AES-256-GCM, tag included)
 * </pre>
 */
public record FileChunk(String fileId, long index, boolean last, byte[] sealed) {

    private static final byte[] MAGIC = "PFC1".getBytes(StandardCharsets.US_ASCII);

    /** Whether a message body is a file chunk (sealed messages start with their version, 1 or 2). */
    public static boolean isChunk(byte[] body) {
        return body.length >= MAGIC.length && body[0] == MAGIC[0] && body[1] == MAGIC[1] && body[2] == MAGIC[2]
                && body[3] == MAGIC[3];
    }

    /** Written into an array of its exact size: a chunk is most of a megabyte, copied once here. */
    public byte[] encode() {
        byte[] id = WireFields.utf8(fileId);
        return ByteBuffer.allocate(MAGIC.length + Short.BYTES + id.length + Long.BYTES + 1 + sealed.length)
                .put(MAGIC).putShort((short) id.length).put(id).putLong(index).put((byte) (last ? 1 : 0)).put(sealed)
                .array();
    }

    /** Where a chunk stands in its file, read from its opening bytes without copying the sealed part. */
    public record Position(String fileId, long index, boolean last) {
    }

    /** @throws IllegalArgumentException if {@code body} does not start as a chunk */
    public static Position position(byte[] body) {
        if (!isChunk(body)) {
            throw new IllegalArgumentException("not a file chunk");
        }
        ByteBuffer in = ByteBuffer.wrap(body, MAGIC.length, body.length - MAGIC.length);
        try {
            return new Position(WireFields.readText(in), in.getLong(), in.get() != 0);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("a file chunk cut short");
        }
    }

    /** @throws IllegalArgumentException if {@code body} is not a whole chunk */
    public static FileChunk decode(byte[] body) {
        if (!isChunk(body)) {
            throw new IllegalArgumentException("not a file chunk");
        }
        ByteBuffer in = ByteBuffer.wrap(body, MAGIC.length, body.length - MAGIC.length);
        try {
            String fileId = WireFields.readText(in);
            long index = in.getLong();
            boolean last = in.get() != 0;
            return new FileChunk(fileId, index, last, WireFields.take(in, in.remaining()));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("a file chunk cut short");
        }
    }
}
