package org.parley.federation.gossip;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/**
 * Where and when the {@link GossipEngine}'s work runs, and what time it is: the engine reads no clock
 * and starts no thread of its own. A node runs it on the federation context ({@link #onVertx}); tests
 * run many engines on one virtual clock, so that thirty nodes gossiping for minutes of their time take
 * a second of the test's, and do the same thing on every run.
 */
public interface GossipScheduler {

    /** A monotonic clock for durations, in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** The wall clock in epoch milliseconds: versions and expiry count in it. */
    long currentTimeMillis();

    /**
     * Runs slow work (signing, checking signatures) off the event loop, one task at a time in the
     * order given; the future completes on the engine's context.
     */
    <T> Future<T> offLoop(Callable<T> work);

    /** Runs {@code work} on the engine's context in a later turn, after what is queued there now. */
    void nextTurn(Handler<Void> work);

    /** Stops taking work: the engine is closing. */
    Future<Void> close();

    /**
     * The engine on the calling Vert.x context (the federation's), with a thread of its own for
     * signatures: one thread, so deltas are checked and applied in the order they came and a flood of
     * them takes at most one core. Not the context's ordered queue ({@code executeBlocking(..., true)}):
     * every blocking task submitted from the federation context waits in that one queue, the outbox's
     * commits included, and a flood's checks held cross-node acceptances back by seconds.
     *
     * @param node names the thread, for thread dumps
     */
    static GossipScheduler onVertx(Vertx vertx, String node) {
        return new VertxGossipScheduler(vertx, node);
    }
}
