package org.parley.node.limits;

import java.util.function.Supplier;

/**
 * The node's limits as they stand now. The parts that enforce limits ({@link ConnectionGate},
 * {@link SendRates}, the login limits) read it on every check rather than keep a copy, so that a
 * reload of the config replaces the limits of a running node. Thread-safe.
 */
public final class LiveLimits implements Supplier<Limits> {

    private volatile Limits current;

    public LiveLimits(Limits initial) {
        this.current = initial;
    }

    @Override
    public Limits get() {
        return current;
    }

    /** Puts {@code next} in force for every check from now on; returns the limits it replaced. */
    public Limits replace(Limits next) {
        Limits before = current;
        current = next;
        return before;
    }
}
