package org.parley.federation.emulator;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Time for tests that emulate a network: work is scheduled at a moment of virtual time and runs on
 * the test's thread, in order of that moment and then of scheduling, while time jumps from one
 * moment to the next. Minutes of a network's life take what its work costs, and a run does the same
 * thing every time. Not thread-safe: everything runs on the thread that calls {@link #runUntil}.
 */
public final class VirtualClock {

    private record Task(long dueNanos, long order, Runnable work) {
    }

    private final PriorityQueue<Task> due = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
            ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.order, b.order));
    private final long wallAtStartMillis;
    private long nowNanos;
    private long scheduled;

    /** @param wallAtStartMillis what the wall clock reads at virtual time zero */
    public VirtualClock(long wallAtStartMillis) {
        this.wallAtStartMillis = wallAtStartMillis;
    }

    /** Virtual nanoseconds since the clock started: a monotonic clock, as {@link System#nanoTime()}. */
    public long nanoTime() {
        return nowNanos;
    }

    /** The wall clock, in epoch milliseconds: where it started plus the virtual time gone by. */
    public long currentTimeMillis() {
        return wallAtStartMillis + TimeUnit.NANOSECONDS.toMillis(nowNanos);
    }

    /** Runs {@code work} {@code delayNanos} from now, after everything scheduled for that moment already. */
    public void schedule(long delayNanos, Runnable work) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("cannot schedule in the past: " + delayNanos);
        }
        due.add(new Task(nowNanos + delayNanos, scheduled++, work));
    }

    /** Runs {@code work} every {@code periodNanos}, first {@code firstDelayNanos} from now. */
    public void every(long firstDelayNanos, long periodNanos, Runnable work) {
        schedule(firstDelayNanos, () -> {
            work.run();
            every(periodNanos, periodNanos, work);
        });
    }

    /**
     * Runs what is due, moment by moment, until {@code done} holds (checked before each task) or the
     * next task is due later than {@code untilNanos}, virtual time since the start.
     *
     * @return whether {@code done} held
     */
    public boolean runUntil(BooleanSupplier done, long untilNanos) {
        while (!done.getAsBoolean()) {
            Task next = due.peek();
            if (next == null || next.dueNanos > untilNanos) {
                return false;
            }
            due.poll();
            nowNanos = next.dueNanos;
            next.work.run();
        }
        return true;
    }

    /** Runs everything due in the next {@code nanos}, then stands at that moment. */
    public void advance(long nanos) {
        long until = nowNanos + nanos;
        runUntil(() -> false, until);
        nowNanos = until;
    }
}
