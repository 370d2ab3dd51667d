package org.parley.node.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per key (a user, an address), made on first use. Buckets that have filled
 * up again are forgotten now and then, so a flood of keys (many addresses, many names) costs memory
 * only while they are active. Thread-safe.
 */
public final class KeyedBuckets {

    /** Buckets held before a sweep for full ones. */
    private static final int SWEEP_AT = 10_000;

    private final Rate rate;
    private final LongSupplier clock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public KeyedBuckets(Rate rate) {
        this(rate, System::nanoTime);
    }

    KeyedBuckets(Rate rate, LongSupplier clock) {
        this.rate = rate;
        this.clock = clock;
    }

    /** As {@link TokenBucket#take()}, for {@code key}'s bucket. */
    public long take(String key) {
        if (rate.unlimited()) {
            return 0;
        }
        if (buckets.size() > SWEEP_AT) {
            buckets.values().removeIf(TokenBucket::full);
        }
        return buckets.computeIfAbsent(key, k -> new TokenBucket(rate, clock)).take();
    }

    public Rate rate() {
        return rate;
    }
}
