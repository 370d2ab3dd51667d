package org.parley.node.voice;

/**
 * Where the relay's datagrams go out: the voice port's socket. A send is never waited for and never
 * queued by the relay: a listener that does not read loses its own packets in its own socket's
 * buffer, and nobody else's.
 */
@FunctionalInterface
interface DatagramOut {

    void send(byte[] datagram, String host, int port);
}
