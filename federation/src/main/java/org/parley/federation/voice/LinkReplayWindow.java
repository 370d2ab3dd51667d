package org.parley.federation.voice;

/**
 * The sequence numbers a voice path has taken from its peer, as IPsec and DTLS keep them: the highest
 * so far and which of the {@value #SIZE} before it came. A number seen before, or older than the
 * window, is a replay (or so late that its audio is useless anyway). Asked only after the datagram's
 * tag checked out, so a forgery cannot move the window.
 */
final class LinkReplayWindow {

    static final int SIZE = 1024;

    private final long[] seen = new long[SIZE / 64];
    /** The highest number taken; 0 before any (numbers start at 1). */
    private long highest;

    /** Takes {@code seq} if it is new; false for a repeat, one too old, or one below 1. */
    synchronized boolean take(long seq) {
        if (seq <= 0) {
            return false;
        }
        if (seq > highest) {
            long advance = seq - highest;
            if (advance >= SIZE) {
                java.util.Arrays.fill(seen, 0);
            } else {
                for (long s = highest + 1; s < seq; s++) {
                    clear(s);
                }
            }
            highest = seq;
            set(seq);
            return true;
        }
        if (highest - seq >= SIZE || isSet(seq)) {
            return false;
        }
        set(seq);
        return true;
    }

    private void set(long seq) {
        int bit = (int) (seq % SIZE);
        seen[bit >>> 6] |= 1L << (bit & 63);
    }

    private void clear(long seq) {
        int bit = (int) (seq % SIZE);
        seen[bit >>> 6] &= ~(1L << (bit & 63));
    }

    private boolean isSet(long seq) {
        int bit = (int) (seq % SIZE);
        return (seen[bit >>> 6] & (1L << (bit & 63))) != 0;
    }
}
