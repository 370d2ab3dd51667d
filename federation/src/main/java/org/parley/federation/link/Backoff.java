package org.parley.federation.link;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Redial delays: doubling from {@code minMillis} to {@code maxMillis}, each drawn at random from
 * the upper half of its step so that nodes restarted together do not redial in lockstep.
 */
public final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private long step;

    public Backoff(long minMillis, long maxMillis) {
        this.minMillis = minMillis;
        this.maxMillis = Math.max(minMillis, maxMillis);
        this.step = minMillis;
    }

    public long next() {
        long current = step;
        step = Math.min(maxMillis, step * 2);
        return current / 2 + ThreadLocalRandom.current().nextLong(current / 2 + 1);
    }

    public void reset() {
        step = minMillis;
    }
}
