package org.parley.node.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.IntSupplier;

/**
 * Failed logins per account: after {@code free} failures in a row, each further attempt must wait,
 * 1 s after the first, doubling up to 5 minutes; a successful login forgets them. Guessing a
 * password (or hammering a name with a wrong key) then costs the guesser time, not the node.
 * Thread-safe.
 */
public final class FailedLogins {

    private static final long FIRST_DELAY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_DELAY_NANOS = TimeUnit.MINUTES.toNanos(5);
    /** Accounts remembered before a sweep of those whose wait has long passed. */
    private static final int SWEEP_AT = 10_000;

    private record Failures(int count, long notBeforeNanos) {
    }

    private final IntSupplier free;
    private final LongSupplier clock;
    private final Map<String, Failures> byAccount = new ConcurrentHashMap<>();

    public FailedLogins(int free) {
        this(() -> free, System::nanoTime);
    }

    /** Failures counted against the number of free ones {@code free} gives at each failure. */
    public FailedLogins(IntSupplier free) {
        this(free, System::nanoTime);
    }

    FailedLogins(int free, LongSupplier clock) {
        this(() -> free, clock);
    }

    FailedLogins(IntSupplier free, LongSupplier clock) {
        this.free = free;
        this.clock = clock;
    }

    /** Milliseconds until {@code account} may try again; 0 if it may now. */
    public long waitMillis(String account) {
        Failures failures = byAccount.get(account);
        if (failures == null) {
            return 0;
        }
        long left = failures.notBeforeNanos() - clock.getAsLong();
        return left <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
    }

    public void failed(String account) {
        long now = clock.getAsLong();
        if (byAccount.size() > SWEEP_AT) {
            byAccount.values().removeIf(f -> now - f.notBeforeNanos() > MAX_DELAY_NANOS);
        }
        byAccount.compute(account, (name, before) -> {
            int count = before == null ? 1 : before.count() + 1;
            int over = count - free.getAsInt() + 1; // the free-th failure makes the next attempt wait
            long delay = over <= 0 ? 0 : Math.min(MAX_DELAY_NANOS, FIRST_DELAY_NANOS << Math.min(over - 1, 20));
            return new Failures(count, now + delay);
        });
    }

    public void succeeded(String account) {
        byAccount.remove(account);
    }
}
