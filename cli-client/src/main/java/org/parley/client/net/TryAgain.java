package org.parley.client.net;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.parley.protocol.message.ErrorCode;

/**
 * Refusals that pass: the node limits how fast this user goes ({@code RATE_LIMITED}, with when to
 * try again) or holds as much as it will for a node that is down or slow ({@code QUEUE_FULL}).
 * Sending again after a pause is the answer to both, said in words, so a script waits instead of
 * failing and a person knows why nothing moves. {@code send}, group actions, the shell and file
 * transfers share this.
 */
public final class TryAgain {

    public static final long FIRST_PAUSE_MILLIS = 500;
    public static final long MAX_PAUSE_MILLIS = 8_000;
    /** Tries before a rate-limited request gives up: more than any limit's wait needs. */
    static final int MAX_TRIES = 20;

    private TryAgain() {
    }

    /** The node limits how fast we go: the same request, later, will pass. */
    public static boolean limited(Throwable e) {
        return e instanceof RefusedException refused && refused.code() == ErrorCode.RATE_LIMITED;
    }

    /** Whether {@code e} is a node draining for a stop: it takes no logins now, and likely will after a restart. */
    public static boolean shuttingDown(Throwable e) {
        return e instanceof RefusedException refused && refused.code() == ErrorCode.NODE_SHUTTING_DOWN;
    }

    /** The pause before trying again: what the node said, else {@code doubling} (the caller's backoff). */
    public static long pause(RefusedException refused, long doubling) {
        Long said = refused.retryAfterMillis();
        return said != null && said > 0 ? Math.min(said, 60_000) : doubling;
    }

    /** {@code node-a is limiting you: too many messages; trying again in 2 s}. */
    public static String words(String node, RefusedException refused, long pauseMillis) {
        String who = refused.code() == ErrorCode.RATE_LIMITED ? node + " is limiting you" : node + " refused it";
        return who + ": " + refused.getMessage() + " (" + refused.code() + "); trying again in " + seconds(pauseMillis);
    }

    static String seconds(long millis) {
        return millis < 1000 ? millis + " ms" : millis % 1000 == 0 ? millis / 1000 + " s"
                : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** The node part of {@code alice@node-a}, or "your node" if there is none yet. */
    public static String nodeOf(String user) {
        int at = user == null ? -1 : user.indexOf('@');
        return at < 0 ? "your node" : user.substring(at + 1);
    }

    /**
     * Runs {@code attempt}, and again after the node's pause for as long as it answers
     * {@code RATE_LIMITED} (up to {@link #MAX_TRIES} times), telling {@code notice} each time.
     */
    public static <T> Future<T> whileLimited(Vertx vertx, Supplier<Future<T>> attempt, String node,
                                             Consumer<String> notice) {
        Promise<T> result = Promise.promise();
        attempt(vertx, attempt, node, notice, result, 1, FIRST_PAUSE_MILLIS);
        return result.future();
    }

    private static <T> void attempt(Vertx vertx, Supplier<Future<T>> attempt, String node, Consumer<String> notice,
                                    Promise<T> result, int tries, long doubling) {
        attempt.get().onComplete(done -> {
            if (done.succeeded()) {
                result.complete(done.result());
            } else if (limited(done.cause()) && tries < MAX_TRIES) {
                long pause = pause((RefusedException) done.cause(), doubling);
                notice.accept(words(node, (RefusedException) done.cause(), pause));
                vertx.setTimer(pause, t -> attempt(vertx, attempt, node, notice, result, tries + 1,
                        Math.min(MAX_PAUSE_MILLIS, doubling * 2)));
            } else {
                result.fail(done.cause());
            }
        });
    }
}
