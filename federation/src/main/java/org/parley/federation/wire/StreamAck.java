package org.parley.federation.wire;

import java.util.Map;

/**
 * The destination of a stream tells its origin that it has handled every envelope up to and
 * including {@code seq}; routed like an envelope, from the destination back to the origin. A chat
 * envelope acknowledged here reached a session of its recipient, unless {@code failures} names its
 * position: {@code offline} (the recipient has no session) or {@code unknown} (no such user). The
 * origin turns this into the sender's receipts, so a delivery costs no message of its own.
 * A failure is repeated in every acknowledgement until the origin's {@code base} shows one of them
 * arrived, so a lost acknowledgement loses no failure.
 *
 * @param origin      node that sends the acknowledgement (the stream's destination)
 * @param destination node the acknowledgement is for (the stream's origin)
 * @param failures    position to why, for envelopes that were not delivered; null if none
 * @param tag         the origin's MAC over every field but {@code hops}, as on an {@link Envelope}: an
 *                    acknowledgement makes its destination forget messages, so only the node that took
 *                    them may send one
 */
public record StreamAck(String origin, String destination, int hops, long stream, long seq,
                        Map<Long, Refusal> failures, ItemTag tag) implements PeerMessage {

    /** An acknowledgement not sealed yet. */
    public StreamAck(String origin, String destination, int hops, long stream, long seq, Map<Long, Refusal> failures) {
        this(origin, destination, hops, stream, seq, failures, ItemTag.NONE);
    }

    public StreamAck {
        tag = tag == null ? ItemTag.NONE : tag;
    }

    public StreamAck forwarded() {
        return new StreamAck(origin, destination, hops - 1, stream, seq, failures, tag);
    }

    /** The same acknowledgement with {@code tag}. */
    public StreamAck sealed(ItemTag tag) {
        return new StreamAck(origin, destination, hops, stream, seq, failures, tag);
    }
}
