package org.parley.node.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.node.store.StoreFixture.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.mailbox.MailboxStore;
import org.parley.node.mailbox.MailboxStore.Removed;
import org.parley.node.mailbox.MailboxStore.Stored;
import org.parley.node.mailbox.Waiting;

/** Mailboxes in a real SQLite file, written through one shard on its own context as a mailbox shard does. */
@Timeout(60)
class SqliteMailboxStoreTest {

    private static final long NO_BYTE_LIMIT = Long.MAX_VALUE;

    @TempDir
    Path data;

    private StoreFixture fixture;
    private MailboxStore store;
    private MailboxStore.Shard shard;

    @BeforeEach
    void open() throws Exception {
        fixture = new StoreFixture(data);
        store = new SqliteMailboxStore(fixture.vertx(), fixture.open());
        shard = store.shard();
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    private <T> T on(Supplier<Future<T>> work) throws Exception {
        return fixture.on(work);
    }

    private static Stored message(long seq, String id, String text) {
        return new Stored(seq, id, "alice@test", "bob@test", 1000 + seq, text.getBytes(UTF_8));
    }

    @Test
    void whatWasStoredIsReadBackPageByPageOldestFirstAndCounted() throws Exception {
        on(() -> Future.all(shard.insert("bob", message(1, "m1", "one"), false),
                shard.insert("bob", message(2, "m2", "two"), false),
                shard.insert("carol", message(3, "c1", "three"), false),
                shard.insert("bob", message(4, "m3", "four"), false)));

        MailboxStore.Page first = on(() -> shard.page("bob", 0, 2, NO_BYTE_LIMIT));
        MailboxStore.Page rest = on(() -> shard.page("bob", first.messages().get(1).seq(), 2, NO_BYTE_LIMIT));

        assertEquals(List.of("m1", "m2"), first.messages().stream().map(Stored::id).toList());
        assertTrue(first.more());
        assertEquals(List.of("m3"), rest.messages().stream().map(Stored::id).toList());
        assertEquals("four", new String(rest.messages().get(0).body(), UTF_8));
        assertFalse(rest.more());
        MailboxStore.Contents contents = await(store.contents());
        assertEquals(4, contents.lastSeq());
        assertEquals(Map.of("bob", new Waiting(3, 10), "carol", new Waiting(1, 5)), contents.counts());
        assertEquals(List.of("m1", "m2", "c1", "m3"), contents.newest().stream().map(MailboxStore.UserId::id).toList());
    }

    @Test
    void aPageStopsOnceItHoldsItsBytesAndSaysThereIsMore() throws Exception {
        on(() -> Future.all(shard.insert("bob", message(1, "m1", "x".repeat(600)), false),
                shard.insert("bob", message(2, "m2", "y".repeat(600)), false),
                shard.insert("bob", message(3, "m3", "z"), false)));

        MailboxStore.Page page = on(() -> shard.page("bob", 0, 100, 1000));

        assertEquals(List.of("m1", "m2"), page.messages().stream().map(Stored::id).toList());
        assertTrue(page.more());
    }

    @Test
    void aMessageItsReaderAcknowledgesWithinTheGraceIsNeverWrittenAndItsSenderStillHearsBoth() throws Exception {
        Promise<Void> inserted = Promise.promise();
        List<Removed> removed = on(() -> {
            shard.insert("bob", message(1, "m1", "hi"), true).onComplete(inserted);
            return shard.remove("bob", List.of("m1"));
        });

        await(inserted.future());
        assertEquals(List.of(new Removed("bob", "m1", "alice@test", "bob@test", 2)), removed);
        assertEquals(Map.of(), await(store.contents()).counts());
    }

    @Test
    void aMessageHandedToAReaderThatDoesNotAcknowledgeIsWrittenOnceTheGraceIsOver() throws Exception {
        on(() -> shard.insert("bob", message(1, "m1", "hi"), true));

        assertEquals(Map.of("bob", new Waiting(1, 2)), await(store.contents()).counts());
    }

    @Test
    void removingAcknowledgedMessagesAnswersWithThoseThatWereThere() throws Exception {
        on(() -> shard.insert("bob", message(1, "m1", "hello"), false));

        List<Removed> removed = on(() -> shard.remove("bob", List.of("m1", "never-stored")));

        assertEquals(List.of(new Removed("bob", "m1", "alice@test", "bob@test", 5)), removed);
        assertEquals(List.of(), on(() -> shard.page("bob", 0, 10, NO_BYTE_LIMIT)).messages());
    }

    @Test
    void aMessageStoredTwiceWithTheSameIdWaitsOnce() throws Exception {
        on(() -> Future.all(shard.insert("bob", message(1, "m1", "hi"), false),
                shard.insert("bob", message(2, "m1", "hi"), false)));

        assertEquals(Map.of("bob", new Waiting(1, 2)), await(store.contents()).counts());
    }

    @Test
    void whatWaitedTooLongIsExpiredForEveryUserAndNamed() throws Exception {
        on(() -> Future.all(shard.insert("bob", message(1, "m1", "hi"), false),
                shard.insert("carol", message(2, "c1", "hey"), false)));

        List<Removed> expired = await(store.expire(System.currentTimeMillis() + 1));

        assertEquals(Set.of("m1", "c1"), expired.stream().map(Removed::id).collect(Collectors.toSet()));
        assertEquals(Map.of(), await(store.contents()).counts());
    }

    @Test
    void clearingAUsersMailboxLeavesOtherUsersAlone() throws Exception {
        on(() -> Future.all(shard.insert("bob", message(1, "m1", "hi"), false),
                shard.insert("carol", message(2, "c1", "hey"), false)));

        on(() -> shard.clear("bob"));

        assertEquals(Map.of("carol", new Waiting(1, 3)), await(store.contents()).counts());
    }
}
