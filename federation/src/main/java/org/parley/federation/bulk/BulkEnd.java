package org.parley.federation.bulk;

/**
 * Why a bulk stream ended, told once to both ends' handlers. Items sent but not settled when it
 * ended were not dealt with by the receiving node: the sending node's upper layer decides whether
 * to send them again some other way. {@code lastSettled} is the highest item sequence number the
 * sending side heard settled (0 for none).
 */
public record BulkEnd(Cause cause, String why, long lastSettled) {

    /** What ended the stream. */
    public enum Cause {
        /** The sender closed it after its last item, and every item was settled. */
        CLOSED,
        /** This node reset it. */
        RESET_HERE,
        /** The other node reset it. */
        RESET_BY_PEER,
        /** The link under it closed. */
        LINK_LOST
    }
}
