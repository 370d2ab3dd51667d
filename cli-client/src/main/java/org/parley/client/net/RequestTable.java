package org.parley.client.net;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.parley.protocol.message.ServerMessage;

/**
 * What a connection's requests wait for, by the id the protocol gives each request (the id of a
 * {@code send}, {@code who}, {@code keys}, {@code group}...), in one place. Each wait is settled
 * exactly once, by whichever comes first: its answer, an error frame that names it, its time running
 * out, or the connection ending. Settling removes it, so nothing after can settle it again, and
 * nothing is left behind when a request is over.
 *
 * <p>One id may wait for two things, in {@link Stage} order: a message's {@code accepted} (its
 * answer), then its first receipt (news about it). An error names the first of them still waited
 * for: before {@code accepted} it refuses the message; after, it says what became of it.
 *
 * <p>Thread-safe: requests are made from any thread, answers come on the connection's event loop.
 * Futures are settled outside the lock.
 */
final class RequestTable {

    /** Where a wait sits in its request's life. */
    enum Stage {
        /** The request's answer: {@code accepted}, {@code users}, {@code user-keys}, {@code group-info}... */
        ANSWER,
        /** What the node says after the answer: a message's receipt. */
        NEWS
    }

    /** What {@link #refuse} settled. */
    enum Refused {
        /** A request still waiting for its answer: the error is its answer. */
        ANSWER,
        /** A request already answered: the error is news about it (its recipient's node refused it, say). */
        NEWS,
        /** Nothing waited under that id. */
        NOTHING
    }

    private record Waiter(Class<? extends ServerMessage> type, Stage stage, Promise<ServerMessage> promise,
                          long timer) {
    }

    private final Vertx vertx;
    /** Guarded by this; a list holds at most one waiter per stage. */
    private final Map<String, List<Waiter>> waiting = new HashMap<>();
    /** Why the connection ended, once it has: new requests fail with it at once. Guarded by this. */
    private Throwable closed;

    RequestTable(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Waits for the answer of type {@code type} to request {@code id}, for as long as the connection lasts. */
    <T extends ServerMessage> Future<T> expect(String id, Class<T> type) {
        return wait(id, type, Stage.ANSWER, -1, null);
    }

    /**
     * As {@link #expect(String, Class)}, failing with a {@link TimeoutException} saying {@code whyLate}
     * if no answer came within {@code timeoutMillis}.
     */
    <T extends ServerMessage> Future<T> expect(String id, Class<T> type, long timeoutMillis, String whyLate) {
        return wait(id, type, Stage.ANSWER, timeoutMillis, whyLate);
    }

    /** Waits for news of type {@code type} about request {@code id}, which comes after its answer. */
    <T extends ServerMessage> Future<T> expectNews(String id, Class<T> type) {
        return wait(id, type, Stage.NEWS, -1, null);
    }

    private <T extends ServerMessage> Future<T> wait(String id, Class<T> type, Stage stage, long timeoutMillis,
                                                    String whyLate) {
        Promise<ServerMessage> promise = Promise.promise();
        Throwable refused;
        Waiter replaced = null;
        synchronized (this) {
            refused = closed;
            if (refused == null) {
                List<Waiter> waiters = waiting.computeIfAbsent(id, k -> new ArrayList<>(2));
                replaced = find(waiters, stage, null);
                waiters.remove(replaced);
                Waiter waiter = new Waiter(type, stage, promise, timeoutMillis < 0 ? -1
                        : vertx.setTimer(timeoutMillis, t -> timedOut(id, promise, whyLate)));
                waiters.add(waiter);
            }
        }
        if (refused != null) {
            promise.fail(refused);
        }
        // Asked again under the same id: the newer wait takes the answer.
        settle(replaced, null, new IllegalStateException("request " + id + " was made again"));
        return promise.future().map(type::cast);
    }

    private void timedOut(String id, Promise<ServerMessage> promise, String whyLate) {
        Waiter waiter;
        synchronized (this) {
            List<Waiter> waiters = waiting.getOrDefault(id, List.of());
            waiter = waiters.stream().filter(w -> w.promise() == promise).findFirst().orElse(null);
            remove(id, waiter);
        }
        settle(waiter, null, new TimeoutException(whyLate));
    }

    /**
     * Settles the wait under {@code id} for {@code answer}'s type with it.
     *
     * @return whether something waited for it
     */
    boolean answer(String id, ServerMessage answer) {
        if (id == null) {
            return false;
        }
        Waiter waiter = take(id, null, answer.getClass());
        settle(waiter, answer, null);
        return waiter != null;
    }

    /** Fails the first wait under {@code id} still open (its answer, else its news) with {@code cause}. */
    Refused refuse(String id, Throwable cause) {
        Waiter waiter = take(id, Stage.ANSWER, null);
        if (waiter == null) {
            waiter = take(id, Stage.NEWS, null);
        }
        settle(waiter, null, cause);
        return waiter == null ? Refused.NOTHING : waiter.stage() == Stage.ANSWER ? Refused.ANSWER : Refused.NEWS;
    }

    /** Whether request {@code id} still waits for its answer. */
    synchronized boolean waiting(String id) {
        List<Waiter> waiters = waiting.get(id);
        return waiters != null && find(waiters, Stage.ANSWER, null) != null;
    }

    /** The connection ended: every wait fails with {@code cause}, and so does every request made after. */
    void close(Throwable cause) {
        List<Waiter> all = new ArrayList<>();
        synchronized (this) {
            if (closed != null) {
                return;
            }
            closed = cause;
            waiting.values().forEach(all::addAll);
            waiting.clear();
        }
        all.forEach(waiter -> settle(waiter, null, cause));
    }

    /** Removes the waiter under {@code id} of {@code stage} (any, if null) for {@code type} (any, if null). */
    private synchronized Waiter take(String id, Stage stage, Class<?> type) {
        List<Waiter> waiters = waiting.get(id);
        Waiter waiter = waiters == null ? null : find(waiters, stage, type);
        remove(id, waiter);
        return waiter;
    }

    private void remove(String id, Waiter waiter) {
        List<Waiter> waiters = waiting.get(id);
        if (waiter != null && waiters != null && waiters.remove(waiter) && waiters.isEmpty()) {
            waiting.remove(id);
        }
    }

    private static Waiter find(List<Waiter> waiters, Stage stage, Class<?> type) {
        for (Waiter waiter : waiters) {
            if ((stage == null || waiter.stage() == stage) && (type == null || waiter.type() == type)) {
                return waiter;
            }
        }
        return null;
    }

    private void settle(Waiter waiter, ServerMessage answer, Throwable cause) {
        if (waiter == null) {
            return;
        }
        if (waiter.timer() >= 0) {
            vertx.cancelTimer(waiter.timer());
        }
        if (cause == null) {
            waiter.promise().tryComplete(answer);
        } else {
            waiter.promise().tryFail(cause);
        }
    }
}
