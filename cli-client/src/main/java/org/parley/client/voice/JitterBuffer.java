package org.parley.client.voice;

import java.util.Map;
import java.util.TreeMap;

/**
 * One speaker's jitter buffer, adaptive from a target of 60 ms (three frames). A talk spurt starts
 * playing three ticks after its first frame arrived, and from then on one frame leaves per 20 ms
 * tick in sequence order, so frames that arrive out of order or a little late play in their place.
 *
 * <p>What is missing at a frame's turn is one of two things. If later frames are here, the frame was
 * lost: it is rebuilt from the forward error correction the next frame carries, or concealed, and
 * playout moves on. If nothing at all is here, the stream ran dry (the sender stalled, or a burst is
 * on its way): a frame is concealed but playout waits for it, so the delay grows by 20 ms instead of
 * the burst arriving too late to play. A frame that comes after its turn anyway is dropped as late.
 * The delay comes back down slowly: while more than the target waits for a second, one frame is
 * skipped; past a second waiting, the oldest are dropped down to the target at once. After
 * {@link #IDLE_AFTER_MISSES} dry ticks the spurt is over: silence until the next frame, which starts
 * a new one with the 60 ms target again.
 *
 * <p>Frames still sealed (their key had not come when they arrived) are opened at their turn. If the
 * key has not come by then, playout waits for it, as for a stream that ran dry, for up to
 * {@link #KEY_WAIT_TICKS} (a speaker's first frames usually come before their key, which travels as a
 * direct message through the nodes); after that the frame counts as lost. Pure: the caller's clock
 * drives it.
 */
final class JitterBuffer {

    static final int TARGET_FRAMES = 3;
    static final int MAX_FRAMES = 50;
    /** How long playout waits for a key, in ticks: half a second. */
    static final int KEY_WAIT_TICKS = VoiceFormat.FRAMES_PER_SECOND / 2;
    static final int IDLE_AFTER_MISSES = 10;
    /** Ticks the buffer must hold more than the target before one frame is skipped. */
    static final int SHRINK_AFTER_TICKS = VoiceFormat.FRAMES_PER_SECOND;

    /**
     * Opens a frame that arrived sealed, at its turn: its Opus packet, null while its key has not
     * come, or {@link #BROKEN} if it never will open (its key came and it does not open with it).
     */
    @FunctionalInterface
    interface Opener {
        byte[] open(long seq, byte[] sealed);
    }

    static final byte[] BROKEN = new byte[0];

    /** What became of a frame offered. */
    enum Offered { BUFFERED, LATE, DUPLICATE }

    /** What plays at one tick. */
    sealed interface Playout {
        /** Frame {@code seq} as it came. */
        record Play(long seq, byte[] opus) implements Playout {
        }

        /** Frame {@code seq} was lost; {@code next}, the frame after it, carries its FEC copy. */
        record Recover(long seq, byte[] next) implements Playout {
        }

        /** Frame {@code seq} is missing: conceal it. */
        record Conceal(long seq) implements Playout {
        }

        /** Nobody speaks on this stream now. */
        record Silence() implements Playout {
        }
    }

    /** A frame waiting: opened ({@code opus}) or still sealed. */
    private record Entry(byte[] opus, byte[] sealed) {
    }

    private static final Playout SILENCE = new Playout.Silence();

    private final Opener opener;
    private final TreeMap<Long, Entry> waiting = new TreeMap<>();
    private boolean started;
    private int countdown;
    private long next;
    /** Frames below this are late: they belong to a spurt already played. */
    private long floor;
    private int dry;
    private int deepTicks;
    private int keyWait;
    private long dropped;

    JitterBuffer(Opener opener) {
        this.opener = opener;
    }

    /** Frame {@code seq}, opened ({@code opus}) or still {@code sealed} (the other null). */
    Offered offer(long seq, byte[] opus, byte[] sealed) {
        if (seq < floor || started && countdown == 0 && seq < next) {
            return Offered.LATE;
        }
        Entry there = waiting.get(seq);
        if (there != null && (there.opus() != null || opus == null)) {
            return Offered.DUPLICATE;
        }
        if (!started) {
            started = true;
            countdown = TARGET_FRAMES;
            next = seq;
            dry = 0;
        } else if (countdown > 0 && seq < next) {
            next = seq; // not playing yet: an earlier frame of the spurt came second
        }
        waiting.put(seq, new Entry(opus, sealed));
        return Offered.BUFFERED;
    }

    /** What plays at this tick; called once per 20 ms. */
    Playout poll() {
        if (!started) {
            return SILENCE;
        }
        if (countdown > 0) {
            countdown--;
            return SILENCE;
        }
        if (waiting.isEmpty()) {
            if (++dry >= IDLE_AFTER_MISSES) {
                started = false;
                floor = next;
                return SILENCE;
            }
            return new Playout.Conceal(next); // ran dry: wait for it rather than skip it
        }
        dry = 0;
        shrink();
        Entry entry = waiting.get(next);
        byte[] opus = entry == null ? null : opened(next, entry);
        if (opus == BROKEN) {
            opus = null;
        } else if (opus == null && entry != null && keyWait < KEY_WAIT_TICKS) {
            keyWait++;
            return new Playout.Conceal(next); // its key is on its way: wait for it
        }
        keyWait = 0;
        long seq = next++;
        waiting.remove(seq);
        if (opus != null) {
            return new Playout.Play(seq, opus);
        }
        Entry after = waiting.get(seq + 1);
        byte[] nextOpus = after == null ? null : opened(seq + 1, after);
        return nextOpus != null && nextOpus != BROKEN ? new Playout.Recover(seq, nextOpus) : new Playout.Conceal(seq);
    }

    /** Frames dropped so far to bring the delay back down. */
    long dropped() {
        return dropped;
    }

    /** The frames waiting, from the one whose turn is next to the newest. */
    private long depth() {
        return waiting.isEmpty() ? 0 : waiting.lastKey() - next + 1;
    }

    private void shrink() {
        long depth = depth();
        if (depth > MAX_FRAMES) {
            skipTo(waiting.lastKey() - TARGET_FRAMES + 1);
            deepTicks = 0;
        } else if (depth > TARGET_FRAMES + 1 && ++deepTicks >= SHRINK_AFTER_TICKS) {
            skipTo(next + 1);
            deepTicks = 0;
        } else if (depth <= TARGET_FRAMES + 1) {
            deepTicks = 0;
        }
    }

    private void skipTo(long from) {
        Map<Long, Entry> skipped = waiting.headMap(from);
        dropped += from - next;
        skipped.clear();
        next = from;
    }

    /** The frame's Opus packet, opening it now if it came sealed (kept opened: it opens only once). */
    private byte[] opened(long seq, Entry entry) {
        if (entry.opus() != null) {
            return entry.opus();
        }
        byte[] opus = opener.open(seq, entry.sealed());
        if (opus != null && opus != BROKEN) {
            waiting.computeIfPresent(seq, (k, v) -> new Entry(opus, null));
        }
        return opus;
    }
}
