package org.parley.federation.wire;

/**
 * The destination of a stream tells its origin that it delivered every envelope up to and
 * including {@code seq}; routed like an envelope, from the destination back to the origin.
 *
 * @param origin      node that sends the acknowledgement (the stream's destination)
 * @param destination node the acknowledgement is for (the stream's origin)
 */
public record StreamAck(String origin, String destination, int hops, long stream, long seq) implements PeerMessage {

    public StreamAck forwarded() {
        return new StreamAck(origin, destination, hops - 1, stream, seq);
    }
}
