package org.parley.node.store;

import org.parley.federation.NodeDataFolder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.function.LongConsumer;
import java.sql.DriverManager;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's SQLite file ({@code DATA/parley.db}, WAL mode): one connection, used from one
 * dedicated worker thread, so statements never run on an event loop and never contend. Commits are
 * durable against a crash of the process ({@code kill -9}); WAL with {@code synchronous=NORMAL}
 * leaves the last commits exposed only to a power cut, which is what keeps group commits cheap.
 */
public final class SqliteDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);

    /** Work that runs on the store's thread with its connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws Exception;
    }

    private final WorkerExecutor worker;
    private final Connection connection;
    /** Told how long each transaction took to write and commit, in nanoseconds. */
    private final LongConsumer commitNanos;

    private SqliteDatabase(WorkerExecutor worker, Connection connection, LongConsumer commitNanos) {
        this.worker = worker;
        this.connection = connection;
        this.commitNanos = commitNanos;
    }

    /**
     * Opens (creating if needed) {@code dataDir/parley.db}, on the store's thread, after bringing its
     * schema to the newest version (see {@link SchemaMigrations}): the stores open on a current schema.
     */
    public static Future<SqliteDatabase> open(Vertx vertx, Path dataDir) {
        return open(vertx, dataDir, nanos -> { });
    }

    /** As {@link #open(Vertx, Path)}, telling {@code commitNanos} how long each transaction took (for metrics). */
    public static Future<SqliteDatabase> open(Vertx vertx, Path dataDir, LongConsumer commitNanos) {
        WorkerExecutor worker = vertx.createSharedWorkerExecutor("parley-store-" + dataDir.toAbsolutePath(), 1);
        return worker.<SqliteDatabase>executeBlocking(() -> {
            NodeDataFolder.create(dataDir);
            Path file = dataDir.resolve("parley.db");
            String url = "jdbc:sqlite:" + file;
            SchemaMigrations.migrate(url);
            Connection connection = DriverManager.getConnection(url);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("PRAGMA busy_timeout=5000");
                // Checkpoints (which sync) every 64 MiB of log rather than SQLite's 4 MiB: file pieces
                // (256 KiB each) otherwise set one off every few commits, and the commit that does
                // waits for it (measured: a piece's "accepted" from 30-50 ms down to 20-28 ms).
                statement.execute("PRAGMA wal_autocheckpoint=16384");
            }
            LOG.info("Store open at {}", file);
            return new SqliteDatabase(worker, connection, commitNanos);
        }, true).onFailure(e -> worker.close());
    }

    /** Runs {@code work} on the store's thread as one transaction (one commit), after everything submitted before it. */
    public <T> Future<T> transaction(Work<T> work) {
        return run(connection -> {
            long began = System.nanoTime();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                commitNanos.accept(System.nanoTime() - began);
                return result;
            } catch (Exception e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    /** Runs {@code work} on the store's thread, after everything submitted before it. */
    public <T> Future<T> run(Work<T> work) {
        // Unordered as Vert.x sees it: the one thread runs tasks first in, first out anyway. Ordered,
        // they would wait in the caller context's queue, behind every other blocking task of that
        // context (the federation's signature checks of a gossip flood held outbox commits for seconds).
        return worker.executeBlocking(() -> work.run(connection), false);
    }

    public Future<Void> close() {
        return worker.<Void>executeBlocking(() -> {
            connection.close();
            return null;
        }, true).eventually(worker::close);
    }
}
