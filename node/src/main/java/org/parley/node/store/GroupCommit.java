package org.parley.node.store;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Group commit: writes gather and reach the disk together, one transaction per batch on the
 * store's thread (never an event loop), and each write's caller hears how its batch went only once
 * that transaction has committed or failed, so nothing is acknowledged before it is durable. A
 * burst costs one commit, not one per write.
 *
 * <p>A store may also hold writes back (see {@link Held}): a message handed to a reader that is
 * online waits up to {@link #ACK_GRACE_NANOS} for that reader's acknowledgement, and one
 * acknowledged in time is never written at all. Held writes are looked at every
 * {@link #GATHER_MILLIS} and join the next batch once their grace is over.
 *
 * <p>Not thread-safe: an instance is used from one context only (its timers fire there), and
 * instances share the database and its one thread.
 *
 * @param <W> a store's write: what it does in the transaction is the store's {@link Writer}'s business
 */
final class GroupCommit<W extends GroupCommit.Write> {

    /** How often held writes are looked at; with {@link Pacing#EVERY_GATHER}, how long a batch gathers. */
    static final long GATHER_MILLIS = 2;
    /**
     * How long a write handed to a reader that is online may wait for that reader's acknowledgement
     * before it is written anyway: long enough for a client or a node under load to answer, short
     * enough that its sender's "accepted" is not noticeably late.
     */
    static final long ACK_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    /** One write of a batch, told how its batch went (on the committer's context). */
    interface Write {

        /** The batch is on disk. */
        void committed();

        /** The batch's transaction failed and was rolled back. */
        void failed(Throwable cause);
    }

    /** A write whose caller waits on {@link #stored()}: it resolves once the write is on disk. */
    interface Awaited extends Write {

        Promise<Void> stored();

        @Override
        default void committed() {
            stored().complete();
        }

        @Override
        default void failed(Throwable cause) {
            stored().fail(cause);
        }
    }

    /** Writes one batch, in order, inside its transaction, on the store's thread. */
    @FunctionalInterface
    interface Writer<W> {
        void write(Connection connection, List<W> batch) throws Exception;
    }

    /** The writes a store holds back within their grace, oldest first. */
    interface Held<W> {

        boolean isEmpty();

        /** Moves into {@code batch} the held writes whose grace is over at {@code nowNanos}, or all of them if {@code everything}. */
        void release(List<W> batch, long nowNanos, boolean everything);
    }

    /** When a batch starts. */
    enum Pacing {
        /**
         * As soon as no commit is running: an idle store adds no delay, and what arrives while a
         * commit runs goes in the next one (a mailbox: most of its writes have no acknowledgement to wait for).
         */
        WHEN_IDLE,
        /**
         * {@link #GATHER_MILLIS} after the first write that is due, whether or not a commit runs
         * (the batches queue on the store's thread): acknowledgements that arrive meanwhile take
         * back what they cover before it is written (an outbox).
         */
        EVERY_GATHER
    }

    private final Vertx vertx;
    private final SqliteDatabase db;
    private final Pacing pacing;
    private final Writer<W> writer;
    private final Held<W> held;
    /** Writes for the next batch, in order. */
    private List<W> due = new ArrayList<>();
    private boolean timerSet;
    private boolean committing;
    private boolean flushQueued;

    GroupCommit(Vertx vertx, SqliteDatabase db, Pacing pacing, Writer<W> writer, Held<W> held) {
        this.vertx = vertx;
        this.db = db;
        this.pacing = pacing;
        this.writer = writer;
        this.held = held;
    }

    /** The time until which a write held now waits for its acknowledgement ({@link System#nanoTime()}). */
    static long graceEnds() {
        return System.nanoTime() + ACK_GRACE_NANOS;
    }

    /** {@code write} goes in the next batch. */
    void add(W write) {
        due.add(write);
        schedule();
    }

    /** The store holds a write back (or has writes that are due): they are looked at in time. */
    void wake() {
        schedule();
    }

    /**
     * Submits everything that waits, held writes too, at once: a read submitted to the store after
     * this sees every write made so far (the store's thread runs tasks in order).
     */
    void flush() {
        commit(true);
    }

    private void schedule() {
        if (pacing == Pacing.EVERY_GATHER) {
            if (!timerSet) {
                timerSet = true;
                vertx.setTimer(GATHER_MILLIS, id -> {
                    timerSet = false;
                    commit(false);
                });
            }
            return;
        }
        if (!due.isEmpty() && !committing && !flushQueued) {
            flushQueued = true;
            vertx.getOrCreateContext().runOnContext(v -> {
                flushQueued = false;
                if (!committing) {
                    commit(false);
                }
            });
        }
        if (!held.isEmpty() && !timerSet) {
            timerSet = true;
            vertx.setTimer(GATHER_MILLIS, id -> {
                timerSet = false;
                if (!committing) {
                    commit(false);
                } else {
                    schedule();
                }
            });
        }
    }

    private void commit(boolean everything) {
        List<W> batch = due;
        due = new ArrayList<>();
        held.release(batch, System.nanoTime(), everything);
        if (pacing == Pacing.EVERY_GATHER && !held.isEmpty()) {
            schedule();
        }
        if (batch.isEmpty()) {
            if (pacing == Pacing.WHEN_IDLE) {
                schedule();
            }
            return;
        }
        committing = true;
        db.transaction(connection -> {
            writer.write(connection, batch);
            return null;
        }).onComplete(done -> {
            committing = false;
            if (pacing == Pacing.WHEN_IDLE) {
                schedule();
            }
            if (done.succeeded()) {
                for (W write : batch) {
                    write.committed();
                }
            } else {
                for (W write : batch) {
                    write.failed(done.cause());
                }
            }
        });
    }
}
