package org.parley.federation.wire;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.parley.protocol.message.ReceiptStatus;

/**
 * News of one message for its sender, as carried in the body of a {@code receipts} envelope: many
 * travel in one envelope, since a busy recipient's node produces one per message it delivers. The
 * body is compact, like the envelope's header: the number of notes, then each note's four strings
 * (see {@link CompactOut}).
 *
 * @param id     the message's id
 * @param from   the message's recipient, qualified: who the news is about
 * @param to     the message's sender, qualified: who the news is for
 * @param status what became of it; null for a status this version does not know (refused on arrival)
 */
public record ReceiptNote(String id, String from, String to, ReceiptStatus status) {

    /** The fewest bytes a note takes: four string lengths. */
    private static final int MIN_NOTE_BYTES = 4 * Integer.BYTES;

    /** The body of a {@code receipts} envelope. */
    public static byte[] encodeAll(List<ReceiptNote> notes) {
        CompactOut out = new CompactOut(8 + notes.size() * 96).putInt(notes.size());
        for (ReceiptNote note : notes) {
            out.putString(note.id()).putString(note.from()).putString(note.to()).putString(note.status() == null ? null : note.status().word());
        }
        return out.toBytes();
    }

    /**
     * Reads the body of a {@code receipts} envelope.
     *
     * @throws IOException if it is not a list of notes; the message says what is wrong
     */
    public static List<ReceiptNote> decodeAll(byte[] body) throws IOException {
        CompactIn in = new CompactIn(body, 0, body.length);
        int count = in.getCount(MIN_NOTE_BYTES);
        if (count < 0) {
            throw new IOException("no list of receipts");
        }
        List<ReceiptNote> notes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            notes.add(new ReceiptNote(in.getString(), in.getString(), in.getString(), ReceiptStatus.of(in.getString())));
        }
        in.end();
        return notes;
    }
}
