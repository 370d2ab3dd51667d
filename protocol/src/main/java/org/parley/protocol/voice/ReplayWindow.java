package org.parley.protocol.voice;

/**
 * The sequence numbers of one speaker's frames already taken, as IPsec's and SRTP's replay windows
 * keep them: the highest number seen and a bitmap of the {@code size} numbers below it. A number
 * taken before, or older than the window, is refused; numbers within the window may arrive in any
 * order. Ask {@link #isFresh} before the frame is opened and {@link #accept} once it opened, so a
 * forgery with a fresh number cannot use it up. Not thread-safe: one per speaker, on one thread.
 */
public final class ReplayWindow {

    /** The window most receivers want: 128 frames of 20 ms, 2.5 s of reordering. */
    public static final int DEFAULT_SIZE = 128;

    private final int size;
    private final long[] bits;
    /** The highest number taken; -1 before the first. */
    private long highest = -1;

    /** @param size how far below the highest number a frame may still arrive, at least 64 */
    public ReplayWindow(int size) {
        if (size < 64 || size % 64 != 0) {
            throw new IllegalArgumentException("a replay window is a multiple of 64, at least 64");
        }
        this.size = size;
        this.bits = new long[size / 64];
    }

    public ReplayWindow() {
        this(DEFAULT_SIZE);
    }

    /** Whether frame {@code seq} was not taken yet and is not older than the window. */
    public boolean isFresh(long seq) {
        if (seq < 0) {
            return false;
        }
        if (seq > highest) {
            return true;
        }
        if (highest - seq >= size) {
            return false;
        }
        return !marked(seq);
    }

    /**
     * Takes frame {@code seq}, opened and authentic.
     *
     * @return false if it was a replay or too old (nothing changes then)
     */
    public boolean accept(long seq) {
        if (!isFresh(seq)) {
            return false;
        }
        if (seq > highest) {
            long advance = highest < 0 ? size : seq - highest;
            if (advance >= size) {
                java.util.Arrays.fill(bits, 0);
            } else {
                for (long cleared = highest + 1; cleared < seq; cleared++) {
                    clear(cleared);
                }
            }
            highest = seq;
        }
        mark(seq);
        return true;
    }

    private boolean marked(long seq) {
        int slot = (int) (seq % size);
        return (bits[slot >>> 6] & (1L << (slot & 63))) != 0;
    }

    private void mark(long seq) {
        int slot = (int) (seq % size);
        bits[slot >>> 6] |= 1L << (slot & 63);
    }

    private void clear(long seq) {
        int slot = (int) (seq % size);
        bits[slot >>> 6] &= ~(1L << (slot & 63));
    }
}
