package org.parley.federation.voice;

/**
 * A datagram sealed for a linked node, and where its voice port is.
 *
 * @param bytes the whole datagram
 * @param host  the peer's address, as its link reaches it
 * @param port  the peer's voice port, as its {@link org.parley.federation.wire.VoiceHello} said
 */
public record SealedDatagram(byte[] bytes, String host, int port) {
}
