package org.parley.federation.wire;

/** Liveness probe on an idle link; answered with {@link LinkPong}. */
public record LinkPing() implements PeerMessage {
}
