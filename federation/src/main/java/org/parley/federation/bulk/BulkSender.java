package org.parley.federation.bulk;

import java.util.function.Consumer;

/**
 * The sending end of a bulk stream this node opened to a linked peer. Items leave in order, in
 * frames of at most {@link BulkStreams#MAX_FRAME_BYTES}, only as far as the receiver's credit
 * allows, and always after any chat or control frame waiting on the same link. Handlers run on the
 * federation context; the other methods may be called from any thread.
 */
public interface BulkSender {

    /** The peer at the other end. */
    String peer();

    /** This stream's number on its link, chosen by the opening side. */
    int id();

    /**
     * Queues an item; its body is at most {@link BulkStreams#MAX_ITEM_BYTES}. Returns its sequence
     * number (from 1), or -1 when the stream has ended or is closing. The stream keeps the arrays
     * themselves until they are sent, not copies: do not change them afterwards.
     */
    long send(byte[] header, byte[] body);

    /** Bytes queued here that the receiver has not yet granted credit for, or that wait for the link. */
    long queuedBytes();

    /** Bytes of items sent on the link so far. */
    long sentBytes();

    /** Hears the receiver settle each item, in the order it settles them. */
    void settled(Consumer<Settled> handler);

    /** Hears, once, that the stream ended. */
    void ended(Consumer<BulkEnd> handler);

    /** Ends the stream once every queued item has been sent and settled. */
    void close();

    /** Ends the stream now: queued items are dropped, the receiver drops what it holds of it. */
    void reset(String why);
}
