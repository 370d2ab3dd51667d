package org.parley.client.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading stops while too much that arrived waits to be handled, and goes on once most of it is. */
class ReadingBacklogTest {

    private final List<String> calls = new ArrayList<>();
    private final ReadingBacklog backlog = new ReadingBacklog(() -> calls.add("pause"), () -> calls.add("resume"),
            100, 40);

    @Test
    void readingPausesAboveTheHighMarkOnceAndResumesBelowTheLowMarkOnce() {
        backlog.arrived(60);
        backlog.arrived(60); // 120: over 100
        backlog.arrived(60); // still over: no second pause
        assertEquals(List.of("pause"), calls);

        backlog.handled(60); // 120: still over the low mark
        backlog.handled(60); // 60
        assertEquals(List.of("pause"), calls);
        backlog.handled(30); // 30: under 40
        backlog.handled(30);
        assertEquals(List.of("pause", "resume"), calls);
    }

    @Test
    void aBacklogUnderTheHighMarkNeverPauses() {
        backlog.arrived(100);
        backlog.handled(100);
        assertEquals(List.of(), calls);
    }
}
