package org.parley.protocol.frame;

/**
 * The frame layout, in one place:
 * <pre>
 *   u32 length          bytes that follow this field (big-endian)
 *   u32 headerLength    bytes of JSON header that follow (big-endian)
 *   byte[headerLength]  UTF-8 JSON header, with a "type" property
 *   byte[length - 4 - headerLength]  body, raw bytes, possibly empty
 * </pre>
 */
final class FrameFormat {

    static final int LENGTH_BYTES = 4;
    static final int HEADER_LENGTH_BYTES = 4;

    private FrameFormat() {
    }

    static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
