package org.parley.federation.gossip;

import java.util.function.LongSupplier;

/**
 * Versions for this node's directory entries: the wall clock in microseconds, bumped past the last
 * version issued, so they grow even across restarts (as long as the clock does not run backwards
 * by more than the restart takes).
 */
public final class VersionClock {

    private final LongSupplier wallMillis;
    private long last;

    /** Versions from the system's wall clock. */
    public VersionClock() {
        this(System::currentTimeMillis);
    }

    /** @param wallMillis the wall clock, epoch milliseconds */
    public VersionClock(LongSupplier wallMillis) {
        this.wallMillis = wallMillis;
    }

    public synchronized long next() {
        last = Math.max(last + 1, wallMillis.getAsLong() * 1000);
        return last;
    }
}
