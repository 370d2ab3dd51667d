package org.parley.federation.wire;

/** Answer to {@link LinkPing}. */
public record LinkPong() implements PeerMessage {
}
