package org.parley.client.output;

/**
 * How often a progress line is shown: at most once every {@code everyNanos}, and always at the
 * end, so a fast transfer or stream does not flood the terminal.
 */
final class Pace {

    private final long everyNanos;
    private long lastShown;

    Pace(long everyNanos) {
        this.everyNanos = everyNanos;
        this.lastShown = System.nanoTime();
    }

    /** Whether a line is due at {@code now}; if so, it counts as shown. */
    synchronized boolean due(long now, boolean end) {
        if (!end && now - lastShown < everyNanos) {
            return false;
        }
        lastShown = now;
        return true;
    }
}
