package org.parley.node.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The node's real store in a test folder, with one context to use it from, as a mailbox shard or
 * the federation uses theirs.
 */
final class StoreFixture implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final Path dataDir;
    private SqliteDatabase db;

    StoreFixture(Path dataDir) {
        this.dataDir = dataDir;
    }

    Vertx vertx() {
        return vertx;
    }

    /** Opens the store, closing it first if it is open, as a restarted node does. */
    SqliteDatabase open() throws Exception {
        if (db != null) {
            await(db.close());
        }
        db = await(SqliteDatabase.open(vertx, dataDir));
        return db;
    }

    /** Runs {@code work} on the fixture's context and waits for what it resolves to. */
    <T> T on(Supplier<Future<T>> work) throws Exception {
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> work.get().onComplete(result));
        return await(result.future());
    }

    /** Runs {@code work} on the fixture's context, and waits until it has. */
    void onContext(Runnable work) throws Exception {
        on(() -> {
            work.run();
            return Future.succeededFuture();
        });
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (db != null) {
            await(db.close());
        }
        await(vertx.close());
    }
}
