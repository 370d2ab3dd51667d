package org.parley.client.net;

import org.parley.protocol.message.ReceiptStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.client.Settled.cause;
import static org.parley.client.Settled.result;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.Receipt;
import org.parley.protocol.message.UserKeys;

/** The one table a connection's requests wait in: each wait settles once, by whatever comes first. */
class RequestTableTest {

    private final Vertx vertx = Vertx.vertx();
    private final RequestTable table = new RequestTable(vertx);

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Counts how often {@code future} settles: a wait settled twice would show 2. */
    private static AtomicInteger settlements(Future<?> future) {
        AtomicInteger count = new AtomicInteger();
        future.onComplete(done -> count.incrementAndGet());
        return count;
    }



    private static final RefusedException UNKNOWN = new RefusedException(ErrorCode.UNKNOWN_USER, "no user bob");

    @Test
    void anAnswerSettlesItsRequestOnceAndNothingAfterSettlesItAgain() throws Exception {
        Future<Accepted> accepted = table.expect("m1", Accepted.class);
        AtomicInteger count = settlements(accepted);

        assertTrue(table.answer("m1", new Accepted("m1", 1)));
        assertFalse(table.answer("m1", new Accepted("m1", 2)));
        assertEquals(RequestTable.Refused.NOTHING, table.refuse("m1", UNKNOWN));
        table.close(new ConnectionClosedException("gone"));

        assertEquals(1, result(accepted).recipients());
        assertEquals(1, count.get());
    }

    @Test
    void anErrorThatNamesARequestSettlesItOnce() throws Exception {
        Future<UserKeys> keys = table.expect("k1", UserKeys.class);
        AtomicInteger count = settlements(keys);

        assertEquals(RequestTable.Refused.ANSWER, table.refuse("k1", UNKNOWN));
        assertFalse(table.answer("k1", new UserKeys("k1", "bob@node-a", "s", "a")));
        table.close(new ConnectionClosedException("gone"));

        assertSame(UNKNOWN, cause(keys));
        assertEquals(1, count.get());
    }

    @Test
    void aRequestNotAnsweredInTimeFailsOnceWithWhy() throws Exception {
        Future<UserKeys> keys = table.expect("k1", UserKeys.class, 50, "no answer within 50 ms");
        AtomicInteger count = settlements(keys);

        Throwable late = cause(keys);
        assertInstanceOf(TimeoutException.class, late);
        assertEquals("no answer within 50 ms", late.getMessage());
        assertFalse(table.answer("k1", new UserKeys("k1", "bob@node-a", "s", "a")));
        assertEquals(RequestTable.Refused.NOTHING, table.refuse("k1", UNKNOWN));
        assertEquals(1, count.get());
    }

    @Test
    void anAnswerInTimeStopsTheClock() throws Exception {
        Future<UserKeys> keys = table.expect("k1", UserKeys.class, 100, "too late");
        AtomicInteger count = settlements(keys);
        table.answer("k1", new UserKeys("k1", "bob@node-a", "s", "a"));

        // Well past the time it had: still the answer, settled once.
        result(vertx.timer(300));
        assertEquals("bob@node-a", result(keys).user());
        assertEquals(1, count.get());
    }

    @Test
    void theConnectionEndingFailsEveryWaitOnceAndEveryRequestAfter() throws Exception {
        Future<Accepted> accepted = table.expect("m1", Accepted.class);
        Future<Receipt> receipt = table.expectNews("m1", Receipt.class);
        AtomicInteger count = settlements(accepted);
        ConnectionClosedException gone = new ConnectionClosedException("the node closed the connection");

        table.close(gone);
        table.close(new ConnectionClosedException("again"));
        assertFalse(table.answer("m1", new Accepted("m1", 1)));

        assertSame(gone, cause(accepted));
        assertSame(gone, cause(receipt));
        assertEquals(1, count.get());
        assertSame(gone, cause(table.expect("k1", UserKeys.class)));
        assertFalse(table.waiting("k1"));
    }

    @Test
    void beforeItsAnswerAnErrorRefusesTheMessageAndAfterItIsNewsAboutIt() throws Exception {
        Future<Receipt> receipt = table.expectNews("m1", Receipt.class);
        Future<Accepted> accepted = table.expect("m1", Accepted.class);
        RefusedException full = new RefusedException(ErrorCode.MAILBOX_FULL, "bob's mailbox is full");

        assertEquals(RequestTable.Refused.ANSWER, table.refuse("m1", UNKNOWN));
        assertSame(UNKNOWN, cause(accepted));
        assertFalse(receipt.isComplete());

        assertEquals(RequestTable.Refused.NEWS, table.refuse("m1", full));
        assertSame(full, cause(receipt));
    }

    @Test
    void aMessagesReceiptSettlesItsNewsNotItsAnswer() throws Exception {
        Future<Receipt> receipt = table.expectNews("m1", Receipt.class);
        Future<Accepted> accepted = table.expect("m1", Accepted.class);

        assertTrue(table.answer("m1", new Accepted("m1", 1)));
        assertFalse(table.waiting("m1"));
        assertTrue(table.answer("m1", new Receipt("m1", "bob@node-a", ReceiptStatus.DELIVERED)));

        assertEquals(1, result(accepted).recipients());
        assertEquals(ReceiptStatus.DELIVERED, result(receipt).status());
    }

    @Test
    void anAnswerOfAnotherTypeDoesNotSettleAWait() {
        Future<UserKeys> keys = table.expect("x1", UserKeys.class);

        assertFalse(table.answer("x1", new Accepted("x1", 1)));
        assertFalse(keys.isComplete());
        assertTrue(table.waiting("x1"));
    }
}
