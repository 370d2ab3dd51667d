package org.parley.protocol.frame;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ServerMessage;

/**
 * Splits a byte stream into frames. One instance per connection; not thread-safe. Feed it bytes
 * as they arrive, in chunks of any size: it emits every complete frame and keeps the rest. Limits
 * are checked on the length prefix, and its buffer grows only as bytes arrive, never to the size a
 * peer declares: a peer that declares a large frame and sends nothing costs no more than one that
 * sends nothing. A connection may start with small limits (before it authenticates) and raise them
 * after ({@link #limits(FrameLimits)}). After it throws, the stream is unusable: the connection must
 * be closed.
 *
 * @param <T> the message family expected from the peer
 */
public final class FrameDecoder<T> {

    private static final int PREFIX = FrameFormat.LENGTH_BYTES + FrameFormat.HEADER_LENGTH_BYTES;

    private final HeaderCodec<T> headers;

    /** What an idle decoder holds; a larger buffer, grown for a large frame, is let go once it is empty. */
    private static final int IDLE_BYTES = 4096;

    private FrameLimits limits;
    private byte[] buffer = new byte[IDLE_BYTES];
    /** The length of the last whole frame read: while large ones come (a file's pieces), the buffer stays large. */
    private int lastFrameBytes;
    private int start;
    private int end;
    private boolean failed;

    private FrameDecoder(HeaderCodec<T> headers, FrameLimits limits) {
        this.headers = headers;
        this.limits = limits;
    }

    /** A decoder whose headers {@code headers} reads (node links use their own). */
    public static <T> FrameDecoder<T> of(HeaderCodec<T> headers, FrameLimits limits) {
        return new FrameDecoder<>(headers, limits);
    }

    /** A decoder for what a client sends to a node. */
    public static FrameDecoder<ClientMessage> fromClients(FrameLimits limits) {
        return new FrameDecoder<>(JsonHeaders.CLIENT, limits);
    }

    /** A decoder for what a node sends to a client. */
    public static FrameDecoder<ServerMessage> fromNode(FrameLimits limits) {
        return new FrameDecoder<>(JsonHeaders.SERVER, limits);
    }

    public void feed(byte[] data, Consumer<Frame<T>> out) throws ProtocolException {
        feed(data, 0, data.length, out);
    }

    public void feed(byte[] data, int offset, int length, Consumer<Frame<T>> out) throws ProtocolException {
        feed((target, at) -> System.arraycopy(data, offset, target, at, length), length, out);
    }

    /** Where bytes that arrived are, for a decoder to copy them straight into its own buffer. */
    @FunctionalInterface
    public interface Source {
        /** Copies all of its bytes into {@code target} from {@code at}. */
        void copyTo(byte[] target, int at);
    }

    /**
     * As {@link #feed(byte[], Consumer)}, for {@code length} bytes that {@code data} copies in: a
     * socket's buffer goes straight into the decoder's, with no array made for it on the way.
     */
    public void feed(Source data, int length, Consumer<Frame<T>> out) throws ProtocolException {
        if (failed) {
            throw new IllegalStateException("decoder already failed; the connection should be closed");
        }
        append(data, length);
        try {
            Frame<T> frame;
            while ((frame = next()) != null) {
                out.accept(frame);
            }
        } catch (ProtocolException e) {
            failed = true;
            throw e;
        }
        if (start == end) {
            start = 0;
            end = 0;
            // An idle connection goes back to a small buffer; one reading large frames one after the
            // other keeps its own, instead of growing it again by doubling for every frame.
            if (buffer.length > IDLE_BYTES && lastFrameBytes <= IDLE_BYTES) {
                buffer = new byte[IDLE_BYTES];
            }
        }
    }

    /**
     * Decodes a message that holds exactly one whole frame, length prefix included (a WebSocket
     * binary message), with the same limits and checks as a stream. A frame never spans two messages
     * and a message never carries two frames: a message whose length prefix does not span it exactly
     * is {@link ErrorCode#MALFORMED_FRAME}. A decoder reads either a stream or messages, never both.
     */
    public Frame<T> decodeMessage(byte[] message) throws ProtocolException {
        if (end != start) {
            throw new IllegalStateException("a partial frame of a stream is waiting; a message cannot follow it");
        }
        if (message.length < FrameFormat.LENGTH_BYTES) {
            failed = true;
            throw new ProtocolException(ErrorCode.MALFORMED_FRAME, "a message of " + message.length
                    + " bytes is too short to hold a frame");
        }
        int length = FrameFormat.readInt(message, 0);
        int follows = message.length - FrameFormat.LENGTH_BYTES;
        if (length >= 0 && length <= limits.maxFrameBytes() && length != follows) {
            failed = true;
            throw new ProtocolException(ErrorCode.MALFORMED_FRAME, "a message must hold exactly one frame: its"
                    + " length prefix says " + length + " bytes follow, and " + follows + " do");
        }
        List<Frame<T>> frames = new ArrayList<>(1);
        feed(message, frames::add);
        return frames.get(0);
    }

    /** From the next frame on, enforces {@code next} (larger once the peer has authenticated). */
    public void limits(FrameLimits next) {
        this.limits = next;
    }

    /** Bytes of memory the decoder holds for its buffer now: what a stalled peer costs. */
    public int capacity() {
        return buffer.length;
    }

    /**
     * Whether the stream can no longer be read: a malformed frame came, or bytes that arrived could
     * not be taken. The connection must be closed.
     */
    public boolean failed() {
        return failed;
    }

    /** Bytes received but not yet part of a complete frame. */
    public int buffered() {
        return end - start;
    }

    private Frame<T> next() throws ProtocolException {
        int available = end - start;
        if (available < FrameFormat.LENGTH_BYTES) {
            return null;
        }
        int length = FrameFormat.readInt(buffer, start);
        if (length < 0 || length > limits.maxFrameBytes()) {
            throw new ProtocolException(ErrorCode.FRAME_TOO_LARGE, "frame of " + Integer.toUnsignedString(length)
                    + " bytes exceeds the limit of " + limits.maxFrameBytes());
        }
        if (length < FrameFormat.HEADER_LENGTH_BYTES + 2) {
            throw new ProtocolException(ErrorCode.MALFORMED_FRAME, "frame of " + length
                    + " bytes is too short to hold a header");
        }
        if (available < FrameFormat.LENGTH_BYTES + length) {
            return null; // the buffer grows as the rest arrives, not before
        }
        int headerLength = FrameFormat.readInt(buffer, start + FrameFormat.LENGTH_BYTES);
        if (headerLength < 2 || headerLength > length - FrameFormat.HEADER_LENGTH_BYTES) {
            throw new ProtocolException(ErrorCode.MALFORMED_FRAME, "header length " + headerLength
                    + " does not fit a frame of " + length + " bytes");
        }
        if (headerLength > limits.maxHeaderBytes()) {
            throw new ProtocolException(ErrorCode.FRAME_TOO_LARGE, "header of " + headerLength
                    + " bytes exceeds the limit of " + limits.maxHeaderBytes());
        }
        int headerAt = start + PREFIX;
        T header = parse(headerAt, headerLength);
        int bodyAt = headerAt + headerLength;
        int frameEnd = start + FrameFormat.LENGTH_BYTES + length;
        byte[] body = bodyAt == frameEnd ? Frame.NO_BODY : Arrays.copyOfRange(buffer, bodyAt, frameEnd);
        start = frameEnd;
        lastFrameBytes = FrameFormat.LENGTH_BYTES + length;
        return new Frame<>(header, body);
    }

    private T parse(int at, int length) throws ProtocolException {
        try {
            return headers.read(buffer, at, length);
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.MALFORMED_FRAME, "unreadable header: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no detail";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /**
     * Takes bytes that arrived. If that fails (the buffer could not grow: the node is out of memory),
     * the bytes are lost and what follows them no longer starts where a frame starts: the decoder fails
     * for good, so that the connection is closed rather than read out of step, where the next bytes
     * would be taken for a length prefix.
     */
    private void append(Source data, int length) {
        try {
            if (buffer.length - end < length) {
                compactOrGrow(end - start + length);
            }
            data.copyTo(buffer, end);
        } catch (RuntimeException | Error e) {
            failed = true;
            throw e;
        }
        end += length;
    }

    private void compactOrGrow(int needed) {
        int live = end - start;
        byte[] target = needed <= buffer.length ? buffer : new byte[Math.max(needed, buffer.length * 2)];
        System.arraycopy(buffer, start, target, 0, live);
        buffer = target;
        start = 0;
        end = live;
    }
}
