package org.parley.client.video;

/**
 * When to watch again after a stream was cut: half a second, doubling to five, for up to a minute
 * from the first cut without a whole segment since. A whole segment starts the count again, so a
 * long stream may be cut many times and still finish; one that makes no progress for a minute ends.
 */
final class ResumeBackoff {

    static final long FIRST_PAUSE_MILLIS = 500;
    static final long MAX_PAUSE_MILLIS = 5_000;
    static final long BUDGET_MILLIS = 60_000;

    private long pause = FIRST_PAUSE_MILLIS;
    /** When the cuts since the last progress began; -1 while the stream goes well. */
    private long since = -1;

    /**
     * The stream was cut (or watching again failed) at {@code nowMillis}: the pause before the next
     * try, or -1 once a minute has passed without progress.
     */
    long next(long nowMillis) {
        if (since < 0) {
            since = nowMillis;
        }
        long spent = nowMillis - since;
        if (spent >= BUDGET_MILLIS) {
            return -1;
        }
        long wait = Math.min(pause, BUDGET_MILLIS - spent);
        pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
        return wait;
    }

    /** What is left of the minute, for a try that must not outlast it (logging in again). */
    long left(long nowMillis) {
        return since < 0 ? BUDGET_MILLIS : Math.max(0, BUDGET_MILLIS - (nowMillis - since));
    }

    /** A whole segment came: the next cut starts a new minute, from half a second. */
    void progressed() {
        pause = FIRST_PAUSE_MILLIS;
        since = -1;
    }
}
