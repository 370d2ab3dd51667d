package org.parley.federation.wire;

/**
 * The first frame each side of a link sends: who it is, its Ed25519 node key, and a fresh nonce
 * the other side must sign over.
 *
 * @param version link protocol version, {@link PeerWire#VERSION}
 * @param node    the sender's node name
 * @param key     the sender's Ed25519 public key, base64
 * @param nonce   32 fresh random bytes, base64
 */
public record PeerHello(int version, String node, String key, String nonce) implements PeerMessage {
}
