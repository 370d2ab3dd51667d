package org.parley.node.limits;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Runs password hashing (Argon2id: 64 MiB and a few hundred milliseconds each) on a pool of its own,
 * one thread per core, with a bounded queue: a flood of logins waits in line or is refused, and
 * can never have more hashes in memory at once than the node has cores.
 */
public final class PasswordHashing {

    /** The queue was full: the node is busy logging others in. */
    public static final class Busy extends RuntimeException {
        Busy(String message) {
            super(message, null, false, false);
        }
    }

    private final WorkerExecutor pool;
    private final IntSupplier maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();

    public PasswordHashing(Vertx vertx, int maxWaiting) {
        this(vertx, () -> maxWaiting);
    }

    /** A pool whose queue holds as many as {@code maxWaiting} gives at each submission. */
    public PasswordHashing(Vertx vertx, IntSupplier maxWaiting) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.pool = vertx.createSharedWorkerExecutor("parley-password-hashing", threads);
        this.maxWaiting = maxWaiting;
    }

    /** Runs {@code hash} on the pool, or fails with {@link Busy} at once if too many wait. */
    public <T> Future<T> submit(Callable<T> hash) {
        int max = maxWaiting.getAsInt();
        if (waiting.incrementAndGet() > max) {
            waiting.decrementAndGet();
            return Future.failedFuture(new Busy(max + " logins with passwords are being checked already"));
        }
        return pool.executeBlocking(hash, false).onComplete(done -> waiting.decrementAndGet());
    }
}
