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
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new TimeoutException("no answer from the node within " + timeout.toSeconds() + " s while " + what);
        }
    }
}
