package org.parley.federation.gossip;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

/** {@link GossipScheduler#onVertx}: the system clocks, the calling context, and one worker thread. */
final class VertxGossipScheduler implements GossipScheduler {

    private final Vertx vertx;
    private final WorkerExecutor verifier;

    VertxGossipScheduler(Vertx vertx, String node) {
        this.vertx = vertx;
        // A shared executor of this name would be shared by every node of the JVM (tests run several).
        this.verifier = vertx.createSharedWorkerExecutor("parley-gossip-" + node + "-"
                + System.identityHashCode(this), 1);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public <T> Future<T> offLoop(Callable<T> work) {
        return verifier.executeBlocking(work, false);
    }

    @Override
    public void nextTurn(Handler<Void> work) {
        vertx.runOnContext(work);
    }

    @Override
    public Future<Void> close() {
        return verifier.close();
    }
}
