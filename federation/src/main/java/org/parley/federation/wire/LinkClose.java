package org.parley.federation.wire;

/**
 * The sender is closing the link and says why (a refused handshake, a duplicate link, a malformed
 * frame), so the operator of the other node can read the reason in its own log.
 */
public record LinkClose(String reason) implements PeerMessage {
}
