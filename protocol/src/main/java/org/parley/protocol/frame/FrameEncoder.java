package org.parley.protocol.frame;

import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.ServerMessage;

/**
 * Turns a header and body into the bytes of one frame. Stateless and thread-safe.
 *
 * @param <T> the message family this encoder writes
 */
public final class FrameEncoder<T> {

    private static final FrameEncoder<ClientMessage> CLIENT = new FrameEncoder<>(JsonHeaders.CLIENT);
    private static final FrameEncoder<ServerMessage> SERVER = new FrameEncoder<>(JsonHeaders.SERVER);

    /** Where the header of every frame starts: after the frame's length and the header's. */
    public static final int HEADER_OFFSET = FrameFormat.LENGTH_BYTES + FrameFormat.HEADER_LENGTH_BYTES;

    private final HeaderCodec<T> headers;

    private FrameEncoder(HeaderCodec<T> headers) {
        this.headers = headers;
    }

    /** An encoder whose headers {@code headers} writes (node links use their own). */
    public static <T> FrameEncoder<T> of(HeaderCodec<T> headers) {
        return new FrameEncoder<>(headers);
    }

    /** Encodes what clients send. */
    public static FrameEncoder<ClientMessage> client() {
        return CLIENT;
    }

    /** Encodes what nodes send to clients. */
    public static FrameEncoder<ServerMessage> server() {
        return SERVER;
    }

    /**
     * The length of the header of {@code frame}, a whole frame as {@link #encode} writes it: with
     * {@link #HEADER_OFFSET}, where a caller that changes a header field in place (a node sealing an
     * item) finds it.
     */
    public static int headerLength(byte[] frame) {
        return FrameFormat.readInt(frame, FrameFormat.LENGTH_BYTES);
    }

    public byte[] encode(T header) {
        return encode(header, Frame.NO_BODY, 0, 0);
    }

    public byte[] encode(T header, byte[] body) {
        return encode(header, body, 0, body.length);
    }

    public byte[] encode(T header, byte[] body, int offset, int length) {
        byte[] json = headers.write(header);
        byte[] frame = new byte[FrameFormat.LENGTH_BYTES + FrameFormat.HEADER_LENGTH_BYTES + json.length + length];
        FrameFormat.writeInt(frame, 0, frame.length - FrameFormat.LENGTH_BYTES);
        FrameFormat.writeInt(frame, FrameFormat.LENGTH_BYTES, json.length);
        System.arraycopy(json, 0, frame, HEADER_OFFSET, json.length);
        System.arraycopy(body, offset, frame, HEADER_OFFSET + json.length, length);
        return frame;
    }
}
