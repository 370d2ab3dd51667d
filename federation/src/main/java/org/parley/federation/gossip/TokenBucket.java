package org.parley.federation.gossip;

/**
 * A token bucket: {@code perSecond} tokens a second, at most {@code burst} saved up. Not thread-safe;
 * one per link, used on the federation context.
 */
final class TokenBucket {

    private final double perNano;
    private final long burst;
    private double tokens;
    private long lastNanos;

    TokenBucket(long perSecond, long burst, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes {@code count} tokens if there are that many; else takes none. */
    boolean tryTake(int count, long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * perNano);
        lastNanos = nowNanos;
        if (tokens < count) {
            return false;
        }
        tokens -= count;
        return true;
    }
}
