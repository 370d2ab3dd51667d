package org.parley.node.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Buckets and waits against a clock the test moves. */
class TokenBucketTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aBurstGoesAtOnceThenOnePerRefill() {
        TokenBucket bucket = new TokenBucket(new Rate(10, 3), now::get);

        assertEquals(0, bucket.take());
        assertEquals(0, bucket.take());
        assertEquals(0, bucket.take());
        assertEquals(100, bucket.take(), "a token every 100 ms");

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(50));
        assertEquals(50, bucket.take());
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(50));
        assertEquals(0, bucket.take());
        now.addAndGet(TimeUnit.SECONDS.toNanos(60));
        assertTrue(bucket.full(), "it refills to the burst and no further");
        for (int i = 0; i < 3; i++) {
            assertEquals(0, bucket.take());
        }
        assertTrue(bucket.take() > 0);
    }

    @Test
    void slowRatesSayHowLongToWait() {
        KeyedBuckets perAddress = new KeyedBuckets(Rate.perHour(20, 1), now::get);

        assertEquals(0, perAddress.take("10.0.0.1"));
        assertEquals(180_000, perAddress.take("10.0.0.1"), "20 an hour: one every 3 minutes");
        assertEquals(0, perAddress.take("10.0.0.2"), "another address has its own bucket");
        assertEquals(0, new KeyedBuckets(Rate.UNLIMITED, now::get).take("anyone"));
    }

    @Test
    void failedLoginsWaitFromTheFreeOnesOnDoublingUpToFiveMinutesAndASuccessForgetsThem() {
        FailedLogins failures = new FailedLogins(2, now::get);
        failures.failed("carol");
        assertEquals(0, failures.waitMillis("carol"));
        failures.failed("carol");
        assertEquals(1000, failures.waitMillis("carol"));
        failures.failed("carol");
        assertEquals(2000, failures.waitMillis("carol"));
        for (int i = 0; i < 30; i++) {
            failures.failed("carol");
        }
        assertEquals(300_000, failures.waitMillis("carol"));
        assertEquals(0, failures.waitMillis("dave"));

        failures.succeeded("carol");
        assertEquals(0, failures.waitMillis("carol"));
    }
}
