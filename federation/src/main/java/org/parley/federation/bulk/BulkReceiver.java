package org.parley.federation.bulk;

import java.util.function.Consumer;

/**
 * The receiving end of a bulk stream a linked peer opened. This node granted the peer credit, a
 * number of bytes it may send before items are settled; it never holds more of the stream than that.
 * Items reach {@link #handler} whole and in order on the federation context; {@link #settle} and
 * {@link #reset} may be called from any thread.
 */
public interface BulkReceiver {

    /** The peer that opened the stream. */
    String peer();

    /** The stream's number on its link. */
    int id();

    BulkPurpose purpose();

    /** What the opening side said about the stream, for the upper layer (for files: who sends to whom). */
    byte[] header();

    /** Where items go; set it in the acceptor, before the first item can arrive. */
    void handler(Consumer<BulkItem> items);

    /** Tells the sender how item {@code settled.seq()} was dealt with and gives its bytes back as credit. */
    void settle(Settled settled);

    /** Hears, once, that the stream ended. */
    void ended(Consumer<BulkEnd> handler);

    /** Ends the stream now, dropping what is held of it; the sender hears why. */
    void reset(String why);

    /** Bytes of this stream held here: received and not yet settled. Never more than the credit granted. */
    long bufferedBytes();

    /** Bytes of items received on this stream so far. */
    long receivedBytes();
}
