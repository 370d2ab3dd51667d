package org.parley.node.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One {@link TokenBucket} per key (a user, an address), made on first use. Buckets that have filled
 * up again are forgotten now and then, so a flood of keys (many addresses, many names) costs memory
 * only while they are active. The rate is read on each take: when it changes (a config reload),
 * every bucket starts afresh, full, at the new rate. Thread-safe.
 */
public final class KeyedBuckets {

    /** Buckets held before a sweep for full ones. */
    private static final int SWEEP_AT = 10_000;

    /** The buckets of one rate. */
    private record Tuned(Rate rate, Map<String, TokenBucket> buckets) {
        Tuned(Rate rate) {
            this(rate, new ConcurrentHashMap<>());
        }
    }

    private final Supplier<Rate> rate;
    private final LongSupplier clock;
    private final AtomicReference<Tuned> tuned;

    public KeyedBuckets(Rate rate) {
        this(() -> rate, System::nanoTime);
    }

    /** Buckets at whatever rate {@code rate} gives at each take. */
    public KeyedBuckets(Supplier<Rate> rate) {
        this(rate, System::nanoTime);
    }

    KeyedBuckets(Rate rate, LongSupplier clock) {
        this(() -> rate, clock);
    }

    KeyedBuckets(Supplier<Rate> rate, LongSupplier clock) {
        this.rate = rate;
        this.clock = clock;
        this.tuned = new AtomicReference<>(new Tuned(rate.get()));
    }

    /** As {@link TokenBucket#take()}, for {@code key}'s bucket. */
    public long take(String key) {
        Tuned now = current();
        if (now.rate().unlimited()) {
            return 0;
        }
        Map<String, TokenBucket> buckets = now.buckets();
        if (buckets.size() > SWEEP_AT) {
            buckets.values().removeIf(TokenBucket::full);
        }
        return buckets.computeIfAbsent(key, k -> new TokenBucket(now.rate(), clock)).take();
    }

    /** The buckets of the rate in force, made afresh if the rate changed since the last take. */
    private Tuned current() {
        Rate wanted = rate.get();
        Tuned held = tuned.get();
        if (held.rate().equals(wanted)) {
            return held;
        }
        Tuned fresh = new Tuned(wanted);
        return tuned.compareAndSet(held, fresh) ? fresh : tuned.get();
    }

    public Rate rate() {
        return rate.get();
    }
}
