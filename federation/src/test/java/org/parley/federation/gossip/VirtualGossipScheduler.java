package org.parley.federation.gossip;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import java.util.concurrent.Callable;
import org.parley.federation.emulator.VirtualClock;

/**
 * The gossip engine on a {@link VirtualClock}: its later turns and its signature checks are tasks of
 * the clock at the moment they are asked for, run in the order asked, as the node's one checking
 * thread runs them.
 */
final class VirtualGossipScheduler implements GossipScheduler {

    private final VirtualClock clock;

    VirtualGossipScheduler(VirtualClock clock) {
        this.clock = clock;
    }

    @Override
    public long nanoTime() {
        return clock.nanoTime();
    }

    @Override
    public long currentTimeMillis() {
        return clock.currentTimeMillis();
    }

    @Override
    public <T> Future<T> offLoop(Callable<T> work) {
        Promise<T> done = Promise.promise();
        clock.schedule(0, () -> {
            try {
                done.complete(work.call());
            } catch (Exception e) {
                done.fail(e);
            }
        });
        return done.future();
    }

    @Override
    public void nextTurn(Handler<Void> work) {
        clock.schedule(0, () -> work.handle(null));
    }

    @Override
    public Future<Void> close() {
        return Future.succeededFuture();
    }
}
