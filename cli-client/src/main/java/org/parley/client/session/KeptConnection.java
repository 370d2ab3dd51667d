package org.parley.client.session;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import org.parley.client.e2ee.Messenger;
import org.parley.client.net.RefusedException;

/**
 * A long-running client's connection to its node, kept up: the interactive session's, and
 * {@code receive-files}'s. When it drops (the node restarted, the network blinked) it logs in again,
 * after a pause that doubles from half a second to eight seconds, until it is back or its owner
 * stops it. What was sent to the user meanwhile waits at the node and arrives after the new login;
 * a file being sent goes on from the first piece its node had not accepted. A login the node
 * refuses (the account is gone, the password changed), an account deleted, or a session its
 * node's operator ended (a kick, a lock), ends it: trying again would not help. A node that is
 * shutting down is tried again, as it is likely to come back.
 */
public final class KeptConnection {

    /** Logs in again with the same keys and password: for this, and for a file sender whose connection dropped. */
    @FunctionalInterface
    public interface Login {
        Future<Messenger> again();
    }

    /** What the owner is told, on a Vert.x thread. */
    public interface Listener {
        /** The connection dropped for {@code why}; logging in again. */
        void dropped(String why);

        /**
         * A try to log in again failed for {@code why} (connection refused, a certificate that does
         * not match, the node not answering...); the next comes in {@code nextMillis}.
         */
        default void failedAgain(String why, long nextMillis) {
        }

        /** Logged in again; the handlers are attached already. */
        void back(Messenger fresh);

        /** It will not come back, for {@code why}. */
        void lost(String why);
    }

    private static final long FIRST_PAUSE_MILLIS = 500;
    private static final long MAX_PAUSE_MILLIS = 8_000;

    private final Vertx vertx;
    private final Login login;
    private final Listener listener;
    private final Consumer<Messenger> attach;
    private Messenger current;
    /** Completed with the next connection; a new one is made each time one completes. */
    private Promise<Messenger> next = Promise.promise();
    private volatile boolean stopped;
    private volatile boolean lost;

    /**
     * @param attach registers the owner's handlers on a connection: the first, and each new one
     */
    public KeptConnection(Vertx vertx, Messenger first, Login login, Listener listener, Consumer<Messenger> attach) {
        this.vertx = vertx;
        this.current = first;
        this.login = login;
        this.listener = listener;
        this.attach = attach;
    }

    public void start() {
        Messenger first = current();
        attach.accept(first);
        watch(first);
    }

    public synchronized Messenger current() {
        return current;
    }

    /** Logged in on an open connection now: what the user asks for can go to the node. */
    public synchronized boolean connected() {
        return !current.session().closedFuture().isComplete();
    }

    /** The node refused to have us back, or the account is gone: the session cannot go on. */
    public boolean lost() {
        return lost;
    }

    /** The owner is leaving: the goodbye's close is not a drop. */
    public void stop() {
        stopped = true;
    }

    /**
     * For a file transfer whose connection dropped: this connection if it is a newer, open one, or
     * else the next, once there is one.
     */
    public Future<Messenger> again() {
        synchronized (this) {
            if (!current.session().closedFuture().isComplete()) {
                return Future.succeededFuture(current);
            }
            return next.future();
        }
    }

    private void watch(Messenger messenger) {
        messenger.session().closedFuture().onComplete(closed -> {
            if (stopped) {
                return;
            }
            String why = messenger.session().closeReason();
            if (messenger.session().accountDeleted() || messenger.session().endedByOperator()) {
                giveUp("disconnected: " + why);
                return;
            }
            listener.dropped(why);
            retry(FIRST_PAUSE_MILLIS);
        });
    }

    private void retry(long pauseMillis) {
        vertx.setTimer(pauseMillis, t -> {
            if (stopped) {
                return;
            }
            login.again().onComplete(again -> {
                if (stopped) {
                    return;
                }
                if (again.succeeded()) {
                    back(again.result());
                } else if (org.parley.client.net.TryAgain.limited(again.cause())
                        || org.parley.client.net.TryAgain.shuttingDown(again.cause())) {
                    // The node limits logins: it will have us back after its pause.
                    RefusedException refused = (RefusedException) again.cause();
                    long next = org.parley.client.net.TryAgain.pause(refused, Math.min(MAX_PAUSE_MILLIS, pauseMillis * 2));
                    listener.failedAgain(refused.getMessage() + " (" + refused.code() + ")", next);
                    retry(next);
                } else if (again.cause() instanceof RefusedException refused) {
                    giveUp("your node refused to log you in again: " + refused.getMessage() + " ("
                            + refused.code() + ")");
                } else {
                    long next = Math.min(MAX_PAUSE_MILLIS, pauseMillis * 2);
                    Throwable cause = again.cause();
                    listener.failedAgain(cause.getMessage() == null ? cause.getClass().getSimpleName()
                            : cause.getMessage(), next);
                    retry(next);
                }
            });
        });
    }

    private void back(Messenger fresh) {
        Promise<Messenger> waiting;
        synchronized (this) {
            current = fresh;
            waiting = next;
            next = Promise.promise();
        }
        attach.accept(fresh);
        watch(fresh);
        listener.back(fresh);
        waiting.complete(fresh);
    }

    private void giveUp(String why) {
        lost = true;
        listener.lost(why);
        Promise<Messenger> waiting;
        synchronized (this) {
            waiting = next;
        }
        waiting.tryFail(new IllegalStateException(why));
    }
}
