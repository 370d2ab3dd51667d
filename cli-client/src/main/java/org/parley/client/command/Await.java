package org.parley.client.command;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Blocks a command's own thread (never an event loop) until a future completes.
 */
final class Await {

    private Await() {
    }

    static <T> T result(Future<T> future, Duration timeout, String what) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw cause(e);
        } catch (TimeoutException e) {
            throw new TimeoutException("no answer from the node within " + timeout.toSeconds() + " s while " + what);
        }
    }

    /** For work that ends by itself however long it takes (a video as long as it plays). */
    static <T> T result(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw cause(e);
        }
    }

    private static Exception cause(ExecutionException e) {
        return e.getCause() instanceof Exception exception ? exception : e;
    }
}
