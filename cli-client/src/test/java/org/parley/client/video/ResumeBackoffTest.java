package org.parley.client.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumeBackoffTest {

    @Test
    void pausesDoubleFromHalfASecondToFiveForAMinute() {
        ResumeBackoff backoff = new ResumeBackoff();
        List<Long> pauses = new ArrayList<>();
        long now = 1_000_000;
        for (long pause = backoff.next(now); pause >= 0; pause = backoff.next(now)) {
            pauses.add(pause);
            now += pause;
        }
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 5000L, 5000L), pauses.subList(0, 6));
        assertEquals(ResumeBackoff.BUDGET_MILLIS, pauses.stream().mapToLong(Long::longValue).sum(),
                "the tries end a minute after the cut");
    }

    @Test
    void progressStartsTheMinuteAgain() {
        ResumeBackoff backoff = new ResumeBackoff();
        backoff.next(0);
        backoff.next(500);
        assertEquals(-1, backoff.next(60_000));
        backoff.progressed();
        assertEquals(500, backoff.next(60_001));
        assertEquals(ResumeBackoff.BUDGET_MILLIS - 100, backoff.left(60_101));
    }
}
