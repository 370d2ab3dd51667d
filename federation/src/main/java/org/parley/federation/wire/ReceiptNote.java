package org.parley.federation.wire;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.List;
import org.parley.protocol.frame.WireJson;

/**
 * News of one message for its sender, as carried in the body of a {@code receipts} envelope (a JSON
 * array of these): many travel in one envelope, since a busy recipient's node produces one per
 * message it delivers.
 *
 * @param id     the message's id
 * @param from   the message's recipient, qualified: who the news is about
 * @param to     the message's sender, qualified: who the news is for
 * @param status {@code delivered}, {@code read} or {@code expired}
 */
public record ReceiptNote(String id, String from, String to, String status) {

    private static final ObjectWriter WRITER = WireJson.mapper().writerFor(new TypeReference<List<ReceiptNote>>() { });
    private static final ObjectReader READER = WireJson.mapper().readerFor(new TypeReference<List<ReceiptNote>>() { });

    /** The body of a {@code receipts} envelope. */
    public static byte[] encodeAll(List<ReceiptNote> notes) {
        try {
            return WRITER.writeValueAsBytes(notes);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode receipts", e);
        }
    }

    /**
     * Reads the body of a {@code receipts} envelope.
     *
     * @throws IOException if it is not a JSON array of notes
     */
    public static List<ReceiptNote> decodeAll(byte[] body) throws IOException {
        List<ReceiptNote> notes = READER.readValue(body);
        if (notes == null) {
            throw new IOException("receipts body is null");
        }
        return notes;
    }
}
