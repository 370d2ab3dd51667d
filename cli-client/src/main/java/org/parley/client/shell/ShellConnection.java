package org.parley.client.shell;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import org.parley.client.e2ee.Messenger;
import org.parley.client.files.FileSender;
import org.parley.client.net.RefusedException;

/**
 * The interactive session's connection to its node, kept up. When it drops (the node restarted,
 * the network blinked) it logs in again, after a pause that doubles from half a second to eight
 * seconds, until it is back or the user quits. What was sent to the user meanwhile waits at the node
 * and arrives after the new login; a file being sent goes on from the first piece its node had not
 * accepted. A login the node refuses (the account is gone, the password changed) ends it: trying
 * again would not help.
 */
final class ShellConnection {

    private static final long FIRST_PAUSE_MILLIS = 500;
    private static final long MAX_PAUSE_MILLIS = 8_000;

    private final Vertx vertx;
    private final FileSender.Reconnect login;
    private final Consumer<String> say;
    private final Consumer<Messenger> attach;
    private Messenger current;
    /** Completed with the next connection; a new one is made each time one completes. */
    private Promise<Messenger> next = Promise.promise();
    private volatile boolean stopped;
    private volatile boolean lost;

    /**
     * @param attach registers the shell's handlers on a connection: the first, and each new one
     */
    ShellConnection(Vertx vertx, Messenger first, FileSender.Reconnect login, Consumer<String> say,
                    Consumer<Messenger> attach) {
        this.vertx = vertx;
        this.current = first;
        this.login = login;
        this.say = say;
        this.attach = attach;
    }

    void start() {
        Messenger first = current();
        attach.accept(first);
        watch(first);
    }

    synchronized Messenger current() {
        return current;
    }

    /** The node refused to have us back: the session cannot go on. */
    boolean lost() {
        return lost;
    }

    /** The user is leaving: the goodbye's close is not a drop. */
    void stop() {
        stopped = true;
    }

    /**
     * For a file transfer whose connection dropped: this connection if it is a newer, open one, or
     * else the next, once there is one.
     */
    Future<Messenger> again() {
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
            if (messenger.session().accountDeleted()) {
                giveUp("! disconnected: " + why);
                return;
            }
            say.accept("! disconnected: " + why + "; logging in again (what is sent to you meanwhile waits at"
                    + " your node)");
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
                } else if (again.cause() instanceof RefusedException refused) {
                    giveUp("! your node refused to log you in again: " + refused.getMessage() + " ("
                            + refused.code() + ")");
                } else {
                    retry(Math.min(MAX_PAUSE_MILLIS, pauseMillis * 2));
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
        say.accept("* logged in again as " + fresh.user());
        waiting.complete(fresh);
    }

    private void giveUp(String why) {
        lost = true;
        say.accept(why + " (press Enter to exit)");
        Promise<Messenger> waiting;
        synchronized (this) {
            waiting = next;
        }
        waiting.tryFail(new IllegalStateException(why.substring(2)));
    }
}
