package org.parley.protocol.e2ee;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** How the sealed formats write names and fixed-size fields. */
final class WireFields {

    private static final int MAX_NAME_BYTES = 1024;

    private WireFields() {
    }

    /** Writes fields to a stream. */
    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** The bytes {@code writer} writes. */
    static byte[] bytes(Writer writer) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = utf8(text);
        out.writeShort(utf8.length);
        out.write(utf8);
    }

    /** A text field's bytes, as {@link #writeText} writes them after their u16 length. */
    static byte[] utf8(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("field longer than " + MAX_NAME_BYTES + " bytes");
        }
        return utf8;
    }

    static String readText(ByteBuffer in) {
        int length = Short.toUnsignedInt(in.getShort());
        if (length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("field longer than " + MAX_NAME_BYTES + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(take(in, length))).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a name in the encrypted message is not UTF-8");
        }
    }

    static byte[] take(ByteBuffer in, int length) {
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    /** Whether {@code plaintext} starts with {@code marker}: a plaintext the client wrote for itself, of that kind. */
    static boolean startsWith(byte[] plaintext, byte[] marker) {
        return plaintext.length >= marker.length && Arrays.equals(plaintext, 0, marker.length, marker, 0, marker.length);
    }
}
