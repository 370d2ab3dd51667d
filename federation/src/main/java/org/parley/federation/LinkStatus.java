package org.parley.federation;

/**
 * One peer node as its operator sees it: for {@code parley-node admin links}.
 *
 * @param node      the peer's name; null for a configured address whose node has not answered yet
 * @param address   where it is dialled, or where its link comes from; null if neither is known
 * @param state     whether the link is up
 * @param rttMillis the round trip of the link's last heartbeat, in milliseconds; -1 if none was measured
 * @param waiting   messages in the outbox for this node, not yet acknowledged by it
 */
public record LinkStatus(String node, String address, LinkState state, long rttMillis, int waiting) {
}
