package org.parley.federation.gossip;

/**
 * Versions for this node's directory entries: the wall clock in microseconds, bumped past the last
 * version issued, so they grow even across restarts (as long as the clock does not run backwards
 * by more than the restart takes).
 */
public final class VersionClock {

    private long last;

    public synchronized long next() {
        last = Math.max(last + 1, System.currentTimeMillis() * 1000);
        return last;
    }
}
