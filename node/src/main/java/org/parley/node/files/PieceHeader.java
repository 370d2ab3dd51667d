package org.parley.node.files;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a piece of a file carries besides its body on a bulk stream between nodes: what an envelope
 * says of a direct message. The receiving node checks all of it (see {@link IncomingPieces}).
 * Encoded as four fields, {@code id}, {@code from}, {@code to} (modified UTF-8) and {@code sentAt}.
 */
record PieceHeader(String id, String from, String to, long sentAt) {

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(id);
            out.writeUTF(from);
            out.writeUTF(to);
            out.writeLong(sentAt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException if {@code header} is not one whole header */
    static PieceHeader decode(byte[] header) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(header))) {
            PieceHeader decoded = new PieceHeader(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong());
            if (in.available() != 0) {
                throw new IllegalArgumentException("a piece header with bytes after it");
            }
            return decoded;
        } catch (IOException e) {
            throw new IllegalArgumentException("a piece header cut short", e);
        }
    }
}
