package org.parley.federation.wire;

/**
 * A frame of a bulk stream: a stream between two linked nodes, opened on demand, flow-controlled by
 * credit the receiving node grants, and written behind every control and chat frame on the link.
 * Bulk frames are never relayed: the link's peer is the origin of all of them. {@code stream} is the
 * stream's number on its link, chosen by the node that opened it (odd when it dialled the link, even
 * when it accepted it), so both ends can open streams without agreeing first.
 */
public sealed interface BulkMessage extends PeerMessage
        permits BulkOpen, BulkCredit, BulkData, BulkSettle, BulkClose, BulkReset {

    /** The stream's number on its link. */
    int stream();
}
