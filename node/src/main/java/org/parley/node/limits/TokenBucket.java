package org.parley.node.limits;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code perSecond}; each action takes
 * one. Thread-safe (the sessions of one user may sit on different event loops); the lock is held
 * for a few arithmetic operations.
 */
public final class TokenBucket {

    private static final double NANOS = 1_000_000_000d;

    private final Rate rate;
    private final LongSupplier clock;
    private double tokens;
    private long refilledAt;

    TokenBucket(Rate rate, LongSupplier clock) {
        this.rate = rate;
        this.clock = clock;
        this.tokens = rate.burst();
        this.refilledAt = clock.getAsLong();
    }

    /**
     * Takes a token if there is one.
     *
     * @return 0 if the action may go ahead, else how many milliseconds until a token is there
     */
    public synchronized long take() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / rate.perSecond() * 1000));
    }

    /** Whether the bucket is full again: nobody has acted for a while, so it may be forgotten. */
    synchronized boolean full() {
        refill();
        return tokens >= rate.burst();
    }

    private void refill() {
        long now = clock.getAsLong();
        tokens = Math.min(rate.burst(), tokens + (now - refilledAt) / NANOS * rate.perSecond());
        refilledAt = now;
    }
}
