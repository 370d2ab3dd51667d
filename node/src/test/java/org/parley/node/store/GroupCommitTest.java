package org.parley.node.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.node.store.StoreFixture.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit against a real SQLite file: writes gather into one transaction per batch, in the
 * order they were made; a caller hears only once its batch committed, and every caller of a failed
 * batch hears its error.
 */
@Timeout(60)
class GroupCommitTest {

    @TempDir
    Path data;

    private StoreFixture store;
    private SqliteDatabase db;
    /** Each batch the writer was given, by the numbers of its writes. */
    private final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    /** What the writer does after writing a batch's rows, inside its transaction (on the store's thread). */
    private volatile Consumer<List<Integer>> thenInTransaction = batch -> { };

    /** A write of the number {@code n}; {@code holdUntil} (nanoTime) for held ones. */
    private record Numbered(int n, Promise<Void> stored, long holdUntil) implements GroupCommit.Awaited {
    }

    /** Held writes, oldest first: released once their grace is over (or all of them when flushed). */
    private final ArrayDeque<Numbered> held = new ArrayDeque<>();

    private final GroupCommit.Held<Numbered> heldWrites = new GroupCommit.Held<>() {
        @Override
        public boolean isEmpty() {
            return held.isEmpty();
        }

        @Override
        public void release(List<Numbered> batch, long nowNanos, boolean everything) {
            while (!held.isEmpty() && (everything || held.peekFirst().holdUntil() - nowNanos <= 0)) {
                batch.add(held.pollFirst());
            }
        }
    };

    @BeforeEach
    void open() throws Exception {
        store = new StoreFixture(data);
        db = store.open();
        await(db.run(connection -> {
            try (PreparedStatement create = connection.prepareStatement("CREATE TABLE numbers (n INTEGER NOT NULL)")) {
                create.execute();
            }
            return null;
        }));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private GroupCommit<Numbered> commits(GroupCommit.Pacing pacing) {
        return new GroupCommit<>(store.vertx(), db, pacing, (connection, batch) -> {
            List<Integer> numbers = batch.stream().map(Numbered::n).toList();
            batches.add(numbers);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO numbers (n) VALUES (?)")) {
                for (int n : numbers) {
                    insert.setInt(1, n);
                    insert.executeUpdate();
                }
            }
            thenInTransaction.accept(numbers);
        }, heldWrites);
    }

    /** Makes writes {@code from} to {@code to} (exclusive) in one turn of the committer's context. */
    private List<Future<Void>> add(GroupCommit<Numbered> commits, int from, int to) throws Exception {
        return store.on(() -> Future.succeededFuture(IntStream.range(from, to).mapToObj(n -> {
            Promise<Void> stored = Promise.promise();
            commits.add(new Numbered(n, stored, 0));
            return stored.future();
        }).toList()));
    }

    private List<Integer> rows() throws Exception {
        return await(numbers());
    }

    /** The numbers in the table, in the order they were written. */
    private Future<List<Integer>> numbers() {
        return db.run(connection -> {
            List<Integer> numbers = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT n FROM numbers ORDER BY rowid");
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    numbers.add(row.getInt(1));
                }
            }
            return numbers;
        });
    }

    @Test
    void writesMadeWhileACommitRunsGoTogetherInTheNextAndHearOnlyOnceItCommitted() throws Exception {
        GroupCommit<Numbered> commits = commits(GroupCommit.Pacing.WHEN_IDLE);
        CountDownLatch firstCommitRunning = new CountDownLatch(1);
        CountDownLatch letItFinish = new CountDownLatch(1);
        thenInTransaction = batch -> {
            if (batch.contains(0)) {
                firstCommitRunning.countDown();
                awaitLatch(letItFinish);
            }
        };

        List<Future<Void>> first = add(commits, 0, 1);
        assertTrue(firstCommitRunning.await(30, TimeUnit.SECONDS));
        List<Future<Void>> next = add(commits, 1, 51);
        assertFalse(first.get(0).isComplete(), "acknowledged before its transaction committed");
        assertTrue(next.stream().noneMatch(Future::isComplete));

        letItFinish.countDown();
        await(Future.all(next));

        assertTrue(first.get(0).succeeded());
        assertEquals(List.of(List.of(0), IntStream.range(1, 51).boxed().toList()), batches);
        assertEquals(IntStream.range(0, 51).boxed().toList(), rows());
    }

    @Test
    void writesGatheredForAMomentGoInOneTransactionInTheOrderTheyWereMade() throws Exception {
        GroupCommit<Numbered> commits = commits(GroupCommit.Pacing.EVERY_GATHER);

        await(Future.all(add(commits, 0, 100)));

        assertEquals(List.of(IntStream.range(0, 100).boxed().toList()), batches);
        assertEquals(IntStream.range(0, 100).boxed().toList(), rows());
    }

    @Test
    void aFailedTransactionFailsEveryWriteOfItsBatchWithItsErrorAndWritesNothing() throws Exception {
        GroupCommit<Numbered> commits = commits(GroupCommit.Pacing.WHEN_IDLE);
        IllegalStateException diskFull = new IllegalStateException("disk full");
        thenInTransaction = batch -> {
            throw diskFull;
        };

        List<Future<Void>> doomed = add(commits, 0, 20);
        await(Future.join(doomed).otherwiseEmpty());

        for (Future<Void> write : doomed) {
            assertTrue(write.failed());
            assertSame(diskFull, write.cause());
        }
        assertEquals(List.of(), rows(), "the failed batch was rolled back");

        thenInTransaction = batch -> { };
        await(Future.all(add(commits, 20, 22)));
        assertEquals(List.of(20, 21), rows(), "later batches are written as usual");
    }

    @Test
    void aHeldWriteWaitsForItsGraceThenJoinsABatchAndOneTakenBackIsNeverWritten() throws Exception {
        GroupCommit<Numbered> commits = commits(GroupCommit.Pacing.WHEN_IDLE);
        Promise<Void> graceOver = Promise.promise();
        Promise<Void> takenBack = Promise.promise();
        store.onContext(() -> {
            held.add(new Numbered(1, graceOver, GroupCommit.graceEnds()));
            held.add(new Numbered(2, takenBack, System.nanoTime() + TimeUnit.HOURS.toNanos(1)));
            commits.wake();
        });

        await(graceOver.future());
        assertEquals(List.of(1), rows());
        store.onContext(() -> held.remove().stored().complete()); // acknowledged in time: its reader has it
        await(takenBack.future());
        await(Future.all(add(commits, 3, 4)));

        assertEquals(List.of(1, 3), rows());
    }

    @Test
    void aFlushWritesHeldWritesAtOnceSoThatAReadAfterItSeesThem() throws Exception {
        GroupCommit<Numbered> commits = commits(GroupCommit.Pacing.WHEN_IDLE);
        List<Integer> seen = store.on(() -> {
            held.add(new Numbered(1, Promise.promise(), System.nanoTime() + TimeUnit.HOURS.toNanos(1)));
            commits.wake();
            commits.flush();
            return numbers();
        });

        assertEquals(List.of(1), seen);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the commit finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
