package org.parley.federation.bulk;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Bulk streams over node links: opened on demand between two linked nodes, flow-controlled with
 * credit the receiving node grants, and scheduled behind chat and control frames so that a message
 * never waits behind more than one bulk frame. A stream lives on one link and ends with it; it does
 * not cross a third node.
 */
public interface BulkStreams {

    /** The most a bulk frame carries: a chat frame waits behind at most one of these. */
    int MAX_FRAME_BYTES = 64 * 1024;

    /** The largest item body: a client frame is at most 1 MiB. */
    int MAX_ITEM_BYTES = 1 << 20;

    /** The largest header of a stream ({@link #open}) or of an item ({@link BulkSender#send}). */
    int MAX_HEADER_BYTES = 4 * 1024;

    /**
     * Opens a stream of {@code purpose} to {@code peer}, if a link to it is up now. {@code header}
     * (at most 4 KiB) reaches the receiving node's acceptor. Empty when no link to the peer is up.
     */
    Optional<BulkSender> open(String peer, BulkPurpose purpose, byte[] header);

    /** Who takes the streams peers open for {@code purpose}; called on the federation context. */
    void accept(BulkPurpose purpose, Consumer<BulkReceiver> acceptor);

    /** Bytes this node holds for every bulk stream on every link, both directions: its own accounting. */
    long bufferedBytes();

    /**
     * The credit this node grants each stream a peer opens, and so the most it holds of one: a sender
     * that keeps no more than this unsettled never has items wait here for credit.
     */
    long windowBytes();

    /** What the streams carried since the node started: streams and bytes, each way. */
    BulkTotals totals();
}
