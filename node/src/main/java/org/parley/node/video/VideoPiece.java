package org.parley.node.video;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.parley.federation.auth.PairKey;
import org.parley.federation.wire.ItemTag;
import org.parley.protocol.message.VideoData;

/**
 * What one piece of a video stream is, besides its bytes: its place in the stream ({@code piece},
 * from 1) and in the video (a segment, an offset in it, whether it ends it). Each piece is an item of
 * a bulk stream between nodes, with this as its header, and a {@code video-data} frame to the viewer.
 *
 * <p>Between nodes the header ends with a tag of the holder under the key it shares with the viewer's
 * node, over the watch request's id, these fields and the piece's bytes: a relay can drop pieces but
 * cannot change, reorder or add one unseen. Encoded as {@code i64 piece, i32 segment, i64
 * startMillis, i64 offset, u8 last, UTF resolution}, then the tag's 16 bytes.
 */
record VideoPiece(long piece, int segment, long startMillis, long offset, boolean last, String resolution) {

    private static final byte[] DOMAIN = "parley-video-piece-v1\n".getBytes(StandardCharsets.UTF_8);
    private static final int TAG_BYTES = 16;

    /** The frame that carries this piece to the viewer's client, for its watch {@code id}. */
    VideoData frame(String id) {
        return new VideoData(id, segment, resolution, startMillis, offset, last);
    }

    /** This piece's header as it travels between nodes, tagged under {@code key} for {@code request}. */
    byte[] seal(String request, PairKey key, byte[] body) {
        byte[] fields = fields();
        ItemTag tag = key.tag(DOMAIN, requestBytes(request), fields, body);
        ByteArrayOutputStream out = new ByteArrayOutputStream(fields.length + TAG_BYTES);
        out.writeBytes(fields);
        writeTag(out, tag);
        return out.toByteArray();
    }

    /**
     * The piece a header that arrived describes, once its tag shows the holder sent it with
     * {@code body} for {@code request}.
     *
     * @throws IllegalArgumentException if the header is malformed or its tag does not match
     */
    static VideoPiece open(byte[] header, byte[] body, String request, PairKey key) {
        if (header.length < TAG_BYTES) {
            throw new IllegalArgumentException("a video piece's header of " + header.length + " bytes");
        }
        byte[] fields = java.util.Arrays.copyOf(header, header.length - TAG_BYTES);
        java.nio.ByteBuffer tagBytes = java.nio.ByteBuffer.wrap(header, fields.length, TAG_BYTES);
        ItemTag tag = new ItemTag(tagBytes.getLong(), tagBytes.getLong());
        if (!key.tag(DOMAIN, requestBytes(request), fields, body).matches(tag)) {
            throw new IllegalArgumentException("a video piece that its holder did not send as it came");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(fields))) {
            VideoPiece piece = new VideoPiece(in.readLong(), in.readInt(), in.readLong(), in.readLong(),
                    in.readBoolean(), in.readUTF());
            if (in.available() != 0) {
                throw new IllegalArgumentException("a video piece's header with bytes after it");
            }
            return piece;
        } catch (IOException e) {
            throw new IllegalArgumentException("a video piece's header cut short", e);
        }
    }

    private byte[] fields() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(48);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(piece);
            out.writeInt(segment);
            out.writeLong(startMillis);
            out.writeLong(offset);
            out.writeBoolean(last);
            out.writeUTF(resolution);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The request's id with its length before it, so that the fields after it cannot slide into it. */
    private static byte[] requestBytes(String request) {
        byte[] id = request.getBytes(StandardCharsets.UTF_8);
        return java.nio.ByteBuffer.allocate(4 + id.length).putInt(id.length).put(id).array();
    }

    private static void writeTag(ByteArrayOutputStream out, ItemTag tag) {
        out.writeBytes(java.nio.ByteBuffer.allocate(TAG_BYTES).putLong(tag.high()).putLong(tag.low()).array());
    }
}
