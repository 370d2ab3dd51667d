package org.parley.node.admin;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.parley.federation.Federation;
import org.parley.node.session.ClientConnection;
import org.parley.node.session.SessionRegistry;
import org.parley.protocol.message.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A graceful stop: the node takes no new logins or links, tells each connected client it is shutting
 * down, waits (at most so long) for its outboxes to reach the other nodes, then stops. Asked for by
 * {@code parley-node admin drain} and by SIGTERM; only the first asking drains, later ones wait for it.
 */
public final class Drain {

    private static final Logger LOG = LoggerFactory.getLogger(Drain.class);
    private static final long POLL_MILLIS = 100;

    private final Vertx vertx;
    private final String nodeName;
    private final AtomicBoolean draining;
    private final SessionRegistry registry;
    private final Federation federation;
    private final Supplier<Future<Void>> stop;
    private final Promise<Void> done = Promise.promise();

    /**
     * @param draining set once draining starts; the login path reads it and refuses logins from then on
     * @param stop     stops the node, once the outboxes are empty or the wait is over
     */
    public Drain(Vertx vertx, String nodeName, AtomicBoolean draining, SessionRegistry registry,
                 Federation federation, Supplier<Future<Void>> stop) {
        this.vertx = vertx;
        this.nodeName = nodeName;
        this.draining = draining;
        this.registry = registry;
        this.federation = federation;
        this.stop = stop;
    }

    /** Drains and stops, waiting at most {@code boundMillis} for the outboxes; resolves once the node stopped. */
    public Future<Void> run(String who, long boundMillis) {
        if (!draining.compareAndSet(false, true)) {
            return done.future();
        }
        LOG.info("Node {} drains (asked by {}): no new logins or links, clients are told it is shutting down,"
                + " and its outboxes get up to {} ms to reach the other nodes", nodeName, who, boundMillis);
        long deadline = System.nanoTime() + boundMillis * 1_000_000;
        federation.closeToNewLinks()
                .onComplete(closed -> sayGoodbye())
                .transform(ignored -> outboxesEmpty(deadline))
                .transform(ignored -> stop.get())
                .onComplete(done);
        return done.future();
    }

    /** Whether draining has begun. */
    public boolean started() {
        return draining.get();
    }

    private void sayGoodbye() {
        int[] told = {0};
        registry.forEachSession(session -> {
            if (session instanceof ClientConnection connection) {
                told[0]++;
                connection.execute(() -> connection.end(ErrorCode.NODE_SHUTTING_DOWN, nodeName
                        + " is shutting down; try again later"));
            }
        });
        LOG.info("Node {} told {} session(s) it is shutting down", nodeName, told[0]);
    }

    /** Resolves once nothing waits for another node, or at the deadline, saying which. */
    private Future<Void> outboxesEmpty(long deadline) {
        Promise<Void> empty = Promise.promise();
        check(deadline, empty);
        return empty.future();
    }

    private void check(long deadline, Promise<Void> empty) {
        federation.waiting().onComplete(waiting -> {
            int left = waiting.succeeded() ? waiting.result().values().stream().mapToInt(Integer::intValue).sum() : 0;
            if (left == 0) {
                LOG.info("Node {}: its outboxes are empty", nodeName);
                empty.complete();
            } else if (System.nanoTime() >= deadline) {
                LOG.warn("Node {} stops with {} message(s) still in its outboxes ({}): they stay stored and go when"
                        + " it starts again", nodeName, left, describe(waiting.result()));
                empty.complete();
            } else {
                vertx.setTimer(POLL_MILLIS, id -> check(deadline, empty));
            }
        });
    }

    private static String describe(Map<String, Integer> waiting) {
        StringBuilder text = new StringBuilder();
        waiting.forEach((node, count) -> {
            if (count > 0) {
                text.append(text.length() == 0 ? "" : ", ").append(count).append(" for ").append(node);
            }
        });
        return text.toString();
    }
}
