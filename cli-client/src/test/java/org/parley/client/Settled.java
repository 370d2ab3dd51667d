package org.parley.client;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waits, with a time limit, for a Vert.x future in a test, and gives what it settled with. */
public final class Settled {

    private Settled() {
    }

    /** What {@code future} succeeded with; throws what it failed with, or after 30 s. */
    public static <T> T result(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Why {@code future} failed; an {@link AssertionError} if it succeeded. */
    public static Throwable cause(Future<?> future) throws Exception {
        try {
            result(future);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("it succeeded");
    }
}
