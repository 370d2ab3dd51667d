package org.parley.node.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a mailbox shard remembers of the messages it took, and what a repeat of one is told. */
class RecentMessagesTest {

    @Test
    void aMessageIsNewUntilItIsTakenAndARepeatAfterThat() {
        RecentMessages recent = new RecentMessages(10);
        assertNull(recent.first("bob", "m1"));
        // WHEN bob's m1 is taken and stored
        recent.stored(recent.take("bob", "m1"));
        // THEN m1 again is a repeat, safe at once, for bob only
        assertEquals(0, recent.first("bob", "m1").result());
        assertNull(recent.first("carol", "m1"));
        assertNull(recent.first("bob", "m10"));
        assertNull(recent.first("bo", "b\nm1"));
    }

    @Test
    void aRepeatWhileTheFirstIsStoredIsSafeWhenTheFirstIs() {
        RecentMessages recent = new RecentMessages(10);
        long first = recent.take("bob", "m1");
        // WHEN m1 comes again before the first is on disk
        Future<Integer> repeat = recent.first("bob", "m1");
        // THEN the repeat waits for the first, and is safe once it is
        assertFalse(repeat.isComplete());
        recent.stored(first);
        assertTrue(repeat.succeeded());
        assertTrue(recent.first("bob", "m1").succeeded());
    }

    @Test
    void aMessageThatWasNotStoredIsNewAgainAndItsRepeatsFail() {
        RecentMessages recent = new RecentMessages(10);
        long first = recent.take("bob", "m1");
        Future<Integer> repeat = recent.first("bob", "m1");
        // WHEN storing the first fails
        IOException disk = new IOException("disk full");
        recent.notStored(first, disk);
        // THEN the repeat that waited fails with it, and a resend is new
        assertSame(disk, repeat.cause());
        assertNull(recent.first("bob", "m1"));
    }

    @Test
    void theOldestAreForgottenFirst() {
        RecentMessages recent = new RecentMessages(3);
        for (int i = 1; i <= 5; i++) {
            recent.stored(recent.take("bob", "m" + i));
        }
        // THEN only the three newest are remembered
        assertNull(recent.first("bob", "m1"));
        assertNull(recent.first("bob", "m2"));
        for (int i = 3; i <= 5; i++) {
            assertTrue(recent.first("bob", "m" + i).succeeded(), "m" + i);
        }
    }

    @Test
    void aRepeatWaitingOnAMessageForgottenBeforeItWasStoredStillHearsHowItWent() {
        RecentMessages recent = new RecentMessages(2);
        long first = recent.take("bob", "m1");
        Future<Integer> repeat = recent.first("bob", "m1");
        // WHEN two newer messages push m1 out while it is still being stored, then it is stored
        recent.stored(recent.take("bob", "m2"));
        recent.stored(recent.take("bob", "m3"));
        recent.stored(first);
        // THEN the repeat is safe, m1 is forgotten, and the newer ones are untouched
        assertTrue(repeat.succeeded());
        assertNull(recent.first("bob", "m1"));
        assertTrue(recent.first("bob", "m2").succeeded());
        assertTrue(recent.first("bob", "m3").succeeded());
    }

    @Test
    void settlingAMessageThatLeftTheRingLeavesTheOneInItsPlaceAlone() {
        RecentMessages recent = new RecentMessages(1);
        long first = recent.take("bob", "m1");
        long second = recent.take("bob", "m2");
        // WHEN m1, pushed out by m2, turns out not to have been stored
        recent.notStored(first, new IOException("disk full"));
        // THEN m2, which took its place, is still remembered and waits for its own store
        Future<Integer> repeat = recent.first("bob", "m2");
        assertNotNull(repeat);
        assertFalse(repeat.isComplete());
        recent.stored(second);
        assertTrue(repeat.succeeded());
    }

    @Test
    void idsWhoseHashesCollideAreAllRememberedAndForgottenInTurn() {
        // GIVEN ids that share one hash code ("Aa" and "BB" do), far more than one run of the table holds
        List<String> ids = colliding(8);
        RecentMessages recent = new RecentMessages(ids.size());
        for (String id : ids) {
            recent.stored(recent.take("bob", id));
        }
        // THEN each is a repeat
        for (String id : ids) {
            assertNotNull(recent.first("bob", id), id);
        }
        // WHEN as many new messages push them all out
        for (int i = 0; i < ids.size(); i++) {
            recent.stored(recent.take("bob", "new" + i));
        }
        // THEN all are new again, and the newer ones remembered
        for (String id : ids) {
            assertNull(recent.first("bob", id), id);
        }
        for (int i = 0; i < ids.size(); i++) {
            assertNotNull(recent.first("bob", "new" + i));
        }
    }

    @Test
    void whatWasOnDiskAtStartIsSafeAtOnce() {
        RecentMessages recent = new RecentMessages(10);
        recent.known("bob", "m1");
        assertEquals(0, recent.first("bob", "m1").result());
    }

    @Test
    void tookWithAFutureIsSafeWhenItSucceedsAndForgottenWhenItFails() {
        RecentMessages recent = new RecentMessages(10);
        Promise<Integer> m1 = Promise.promise();
        Promise<Integer> m2 = Promise.promise();
        recent.took("bob", "m1", m1.future());
        recent.took("bob", "m2", m2.future());
        Future<Integer> repeat = recent.first("bob", "m1");
        // WHEN m1 is stored and m2 is not
        m1.complete(1);
        m2.fail("disk full");
        // THEN a repeat of m1 is safe, and m2 is new again
        assertTrue(repeat.succeeded());
        assertNull(recent.first("bob", "m2"));
    }

    @Test
    void aMessageTakenAgainIsSafeWhenTheLaterStoreIsAndStaysIfTheEarlierFails() {
        RecentMessages recent = new RecentMessages(10);
        long earlier = recent.take("bob", "m1");
        Future<Integer> waitingOnEarlier = recent.first("bob", "m1");
        // WHEN m1 is stored again another way (a piece handed live, stored when its session ended)
        recent.took("bob", "m1", Future.succeededFuture(0));
        // THEN it is safe now; the earlier store failing forgets nothing, and its repeat hears of it
        assertTrue(recent.first("bob", "m1").succeeded());
        recent.notStored(earlier, new IOException("disk full"));
        assertTrue(recent.first("bob", "m1").succeeded());
        assertTrue(waitingOnEarlier.failed());
    }

    @Test
    void aDeletedAccountsMessagesAreForgotten() {
        RecentMessages recent = new RecentMessages(10);
        recent.stored(recent.take("bob", "m1"));
        recent.stored(recent.take("bobby", "m1"));
        recent.stored(recent.take("bo", "b\nm2"));
        // WHEN bob's account is deleted
        recent.forget("bob");
        // THEN a new bob's m1 is new; bobby's and bo's are still known
        assertNull(recent.first("bob", "m1"));
        assertNotNull(recent.first("bobby", "m1"));
        assertNotNull(recent.first("bo", "b\nm2"));
    }

    @Test
    void remembersWhatARingOfTheNewestMessagesWouldOverManyRandomTurns() {
        // GIVEN keys that collide in the table, alike users, and more keys than the ring holds
        List<String> users = List.of("a", "ab", "b");
        List<String> ids = new ArrayList<>(colliding(6));
        for (int i = 0; i < 60; i++) {
            ids.add("m" + i);
        }
        int capacity = 48;
        RecentMessages recent = new RecentMessages(capacity);
        String[] ring = new String[capacity]; // the model: user + '\n' + id in the order taken, null where forgotten
        int next = 0;
        java.util.Random random = new java.util.Random(42);
        for (int turn = 0; turn < 200_000; turn++) {
            String user = users.get(random.nextInt(users.size()));
            String id = ids.get(random.nextInt(ids.size()));
            String key = user + '\n' + id;
            boolean known = java.util.Arrays.asList(ring).contains(key);
            assertEquals(known, recent.first(user, id) != null, "turn " + turn + ": " + key);
            if (random.nextInt(500) == 0) {
                recent.forget(user);
                for (int i = 0; i < capacity; i++) {
                    if (ring[i] != null && ring[i].startsWith(user + '\n')) {
                        ring[i] = null;
                    }
                }
            } else if (!known) {
                long handle = recent.take(user, id);
                ring[next] = key;
                if (random.nextInt(10) == 0) {
                    recent.notStored(handle, new IOException("disk full"));
                    ring[next] = null;
                } else {
                    recent.stored(handle);
                }
                next = (next + 1) % capacity;
            }
        }
        for (String user : users) {
            for (String id : ids) {
                assertEquals(java.util.Arrays.asList(ring).contains(user + '\n' + id), recent.first(user, id) != null);
            }
        }
    }

    /** 2^blocks ids of equal hash code, each made of blocks of "Aa" or "BB". */
    private static List<String> colliding(int blocks) {
        List<String> ids = new ArrayList<>(List.of(""));
        for (int b = 0; b < blocks; b++) {
            List<String> longer = new ArrayList<>();
            for (String id : ids) {
                longer.add(id + "Aa");
                longer.add(id + "BB");
            }
            ids = longer;
        }
        return ids;
    }
}
