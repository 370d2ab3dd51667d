package org.parley.federation.wire;

/**
 * A 128-bit message authentication code on an item between two nodes (an {@link Envelope} or a
 * {@link StreamAck}): HMAC-SHA256, cut to its first 16 bytes, under the key its origin and
 * destination share (see {@code federation.auth.PairKey}). Two longs rather than an array, so items
 * stay plain values; {@link #NONE} is what an item carries before it is sealed.
 *
 * @param high the tag's first 8 bytes, big-endian
 * @param low  its last 8 bytes
 */
public record ItemTag(long high, long low) {

    /** No tag: an item not sealed yet (never accepted from the network). */
    public static final ItemTag NONE = new ItemTag(0, 0);

    /** Compares in time independent of where the tags differ. */
    public boolean matches(ItemTag other) {
        return other != null && ((high ^ other.high) | (low ^ other.low)) == 0;
    }
}
