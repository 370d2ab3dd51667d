package org.parley.federation;

/**
 * What an operator watches of one other node this node links with or sends to: for metrics, read
 * on the federation context by {@link Federation#peerFigures()}.
 *
 * @param node        the other node's name
 * @param linked      whether a link to it is up now
 * @param rttNanos    the round trip of the link's last ping, in nanoseconds; -1 when not linked or not measured yet
 * @param outboxDepth envelopes waiting to be acknowledged by that node (its outbox stream), 0 for none
 */
public record PeerFigures(String node, boolean linked, long rttNanos, int outboxDepth) {
}
