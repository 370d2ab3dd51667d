package org.parley.federation.wire;

/**
 * The second frame of the handshake: the sender's signature over the handshake transcript, which
 * binds both names, both keys and both nonces (see {@link org.parley.federation.link.HandshakeTranscript}).
 */
public record PeerProof(String signature) implements PeerMessage {
}
