package org.parley.federation.bulk;

import java.util.ArrayList;
import java.util.List;
import org.parley.federation.wire.BulkData;

/**
 * One item of a bulk stream coming together from its pieces, which must follow each other without a
 * gap or an overlap, within the size of the largest item. What it holds grows as pieces arrive,
 * never to a size a piece declares. Pure; one per item.
 */
final class ItemAssembly {

    private final long seq;
    private final int headerBytes;
    private final List<byte[]> pieces = new ArrayList<>();
    private int size;

    /** The start of item {@code first.seq()}, which must come at offset 0 with a header of allowed size. */
    ItemAssembly(BulkData first) throws BulkViolation {
        if (first.offset() != 0) {
            throw new BulkViolation("began item " + first.seq() + " at offset " + first.offset());
        }
        if (first.headerBytes() < 0 || first.headerBytes() > BulkStreams.MAX_HEADER_BYTES) {
            throw new BulkViolation("gave item " + first.seq() + " a header of " + first.headerBytes()
                    + " bytes (at most " + BulkStreams.MAX_HEADER_BYTES + ")");
        }
        this.seq = first.seq();
        this.headerBytes = first.headerBytes();
    }

    /** Takes the next piece; true when it was the item's last. */
    boolean add(BulkData piece, byte[] bytes) throws BulkViolation {
        if (piece.seq() != seq || piece.headerBytes() != headerBytes || piece.offset() != size) {
            throw new BulkViolation("sent a piece of item " + piece.seq() + " at offset " + piece.offset()
                    + " where item " + seq + " was due at offset " + size);
        }
        if (bytes.length == 0 && !piece.last()) {
            throw new BulkViolation("sent an empty piece of item " + seq + " that was not its last");
        }
        long after = (long) size + bytes.length;
        if (after - headerBytes > BulkStreams.MAX_ITEM_BYTES) {
            throw new BulkViolation("sent item " + seq + " with a body of more than " + BulkStreams.MAX_ITEM_BYTES
                    + " bytes");
        }
        if (piece.last() && after < headerBytes) {
            throw new BulkViolation("ended item " + seq + " after " + after + " bytes, inside its header of "
                    + headerBytes);
        }
        pieces.add(bytes);
        size = (int) after;
        return piece.last();
    }

    long seq() {
        return seq;
    }

    /** The item, once its last piece came. */
    BulkItem item() {
        byte[] header = new byte[headerBytes];
        byte[] body = new byte[size - headerBytes];
        int at = 0;
        for (byte[] piece : pieces) {
            int toHeader = Math.max(0, Math.min(piece.length, headerBytes - at));
            if (toHeader > 0) {
                System.arraycopy(piece, 0, header, at, toHeader);
            }
            if (toHeader < piece.length) {
                System.arraycopy(piece, toHeader, body, at + toHeader - headerBytes, piece.length - toHeader);
            }
            at += piece.length;
        }
        return new BulkItem(seq, header, body);
    }
}
