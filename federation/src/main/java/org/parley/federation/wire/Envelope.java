package org.parley.federation.wire;

/**
 * Something one node sends another across the network, routed hop by hop; the frame body is the
 * message body, untouched. Envelopes from one origin to one destination form a reliable stream:
 * {@code seq} counts up within {@code stream} (a number the origin picks each time it starts), the
 * destination delivers in order, drops what it has seen, and acknowledges with {@link StreamAck};
 * the origin resends what is not acknowledged.
 *
 * @param origin      node that sent it
 * @param destination node it is for
 * @param hops        hops left; a node that would pass it on with none left drops it
 * @param stream      the origin's stream incarnation
 * @param seq         position in the stream, from 1
 * @param base        the oldest position the origin has not seen acknowledged; a destination that
 *                    knows nothing of the stream starts expecting here
 * @param kind        what it carries (see {@link EnvelopeKind}); null for a kind this version does not know
 * @param id          the message id the sending user chose (for receipts, one the origin made up)
 * @param from        sending user, qualified
 * @param to          recipient, qualified
 * @param sentAt      when the origin accepted it, epoch milliseconds
 * @param members     for {@code group} and {@code group-notice}: the destination's users it is for;
 *                    null otherwise
 * @param tag         the origin's MAC over every field but {@code hops} and over the body, under the
 *                    key of the origin and destination pair: relays pass it on but cannot forge or
 *                    alter what it covers; {@link ItemTag#NONE} until the origin seals it
 */
public record Envelope(String origin, String destination, int hops, long stream, long seq, long base, EnvelopeKind kind,
                      String id, String from, String to, long sentAt, java.util.List<String> members, ItemTag tag)
        implements PeerMessage {

    /** An envelope not sealed yet. */
    public Envelope(String origin, String destination, int hops, long stream, long seq, long base, EnvelopeKind kind,
                    String id, String from, String to, long sentAt, java.util.List<String> members) {
        this(origin, destination, hops, stream, seq, base, kind, id, from, to, sentAt, members, ItemTag.NONE);
    }

    public Envelope {
        tag = tag == null ? ItemTag.NONE : tag;
    }

    /** The same envelope one hop further on (the tag does not cover the hops, so it stays valid). */
    public Envelope forwarded() {
        return new Envelope(origin, destination, hops - 1, stream, seq, base, kind, id, from, to, sentAt, members, tag);
    }

    /** The same envelope placed in a stream (again, after a restart or a resend), not sealed. */
    public Envelope inStream(int hops, long stream, long seq, long base) {
        return new Envelope(origin, destination, hops, stream, seq, base, kind, id, from, to, sentAt, members);
    }

    /** The same envelope with {@code tag}. */
    public Envelope sealed(ItemTag tag) {
        return new Envelope(origin, destination, hops, stream, seq, base, kind, id, from, to, sentAt, members, tag);
    }
}
