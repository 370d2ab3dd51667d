package org.parley.federation.wire;

/**
 * What a node tells a peer once their link is up, so that voice can travel between them as UDP
 * datagrams: where its voice port is, the key its datagrams to the peer will be tagged with, and the
 * number the peer is to put on datagrams it sends here. Sent once per link by each side; the link's
 * TLS and handshake are what make these secrets the two nodes' alone (see docs/PROTOCOL.md, "Voice
 * between nodes").
 *
 * @param port   the sender's voice port (UDP), on the host the link reaches it at
 * @param key    base64 of 32 random bytes: the HMAC-SHA256 key of the sender's datagrams on this link
 * @param number base64 of 8 random bytes: the sender's number for this link, carried by every datagram
 *               the peer sends it, by which it finds the link and its key
 */
public record VoiceHello(int port, String key, String number) implements PeerMessage {
}
