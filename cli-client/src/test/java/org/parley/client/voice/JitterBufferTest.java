package org.parley.client.voice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JitterBufferTest {

    /** Frames that came sealed open at their turn as their number, in one byte. */
    private final List<Long> opened = new ArrayList<>();
    private final JitterBuffer buffer = new JitterBuffer((seq, sealed) -> {
        opened.add(seq);
        return sealed[0] == 1 ? new byte[] {(byte) seq} : sealed[0] == 2 ? JitterBuffer.BROKEN : null;
    });

    private static byte[] frame(long seq) {
        return new byte[] {(byte) seq};
    }

    private void offer(long seq) {
        assertEquals(JitterBuffer.Offered.BUFFERED, buffer.offer(seq, frame(seq), null));
    }

    @Test
    void aSpurtStartsAfterTheTargetDelayAndPlaysInOrderWhateverOrderItCameIn() {
        offer(11);
        offer(10);
        offer(13);
        offer(12);

        for (int tick = 0; tick < JitterBuffer.TARGET_FRAMES; tick++) {
            assertInstanceOf(JitterBuffer.Playout.Silence.class, buffer.poll());
        }
        for (long seq = 10; seq <= 13; seq++) {
            assertArrayEquals(frame(seq), ((JitterBuffer.Playout.Play) buffer.poll()).opus());
        }
    }

    @Test
    void aLostFrameIsRebuiltFromTheNextOneAndALateOneIsDropped() {
        offer(0);
        offer(2);
        offer(3);
        skipDelay();

        assertEquals(0, ((JitterBuffer.Playout.Play) buffer.poll()).seq());
        JitterBuffer.Playout.Recover recovered = (JitterBuffer.Playout.Recover) buffer.poll();
        assertEquals(1, recovered.seq());
        assertArrayEquals(frame(2), recovered.next());
        assertEquals(JitterBuffer.Offered.LATE, buffer.offer(1, frame(1), null));
        assertEquals(2, ((JitterBuffer.Playout.Play) buffer.poll()).seq());
        assertEquals(JitterBuffer.Offered.DUPLICATE, buffer.offer(3, frame(3), null));
    }

    @Test
    void aStreamThatRunsDryWaitsForItsNextFrameInsteadOfSkippingIt() {
        offer(0);
        skipDelay();
        assertEquals(0, ((JitterBuffer.Playout.Play) buffer.poll()).seq());

        assertEquals(1, ((JitterBuffer.Playout.Conceal) buffer.poll()).seq());
        assertEquals(1, ((JitterBuffer.Playout.Conceal) buffer.poll()).seq());
        offer(1); // the sender stalled; it comes now, not too late
        offer(2);
        assertEquals(1, ((JitterBuffer.Playout.Play) buffer.poll()).seq());
        assertEquals(2, ((JitterBuffer.Playout.Play) buffer.poll()).seq());
    }

    @Test
    void aSpurtEndsAfterTheStreamStaysDryAndTheNextStartsAfresh() {
        offer(0);
        skipDelay();
        buffer.poll();
        for (int tick = 0; tick < JitterBuffer.IDLE_AFTER_MISSES - 1; tick++) {
            assertInstanceOf(JitterBuffer.Playout.Conceal.class, buffer.poll());
        }
        assertInstanceOf(JitterBuffer.Playout.Silence.class, buffer.poll());

        assertEquals(JitterBuffer.Offered.LATE, buffer.offer(0, frame(0), null));
        offer(40);
        skipDelay();
        assertEquals(40, ((JitterBuffer.Playout.Play) buffer.poll()).seq());
    }

    @Test
    void aBacklogPastTheLimitIsDroppedDownToTheTarget() {
        offer(0);
        skipDelay();
        for (long seq = 1; seq <= JitterBuffer.MAX_FRAMES + 5; seq++) {
            offer(seq);
        }

        long first = ((JitterBuffer.Playout.Play) buffer.poll()).seq();

        assertEquals(JitterBuffer.MAX_FRAMES + 5 - JitterBuffer.TARGET_FRAMES + 1, first);
    }

    @Test
    void aFrameThatCameBeforeItsKeyWaitsForItBrieflyThenCountsAsLost() {
        buffer.offer(0, null, new byte[] {1});
        buffer.offer(1, null, new byte[] {0}); // its key never comes
        buffer.offer(2, null, new byte[] {2}); // its key came, and it does not open with it
        buffer.offer(3, null, new byte[] {1});
        skipDelay();

        assertEquals(0, ((JitterBuffer.Playout.Play) buffer.poll()).seq());
        for (int tick = 0; tick < JitterBuffer.KEY_WAIT_TICKS; tick++) {
            assertEquals(1, ((JitterBuffer.Playout.Conceal) buffer.poll()).seq());
        }
        assertEquals(1, ((JitterBuffer.Playout.Conceal) buffer.poll()).seq()); // given up on: lost
        JitterBuffer.Playout.Recover broken = (JitterBuffer.Playout.Recover) buffer.poll(); // lost at once
        assertEquals(2, broken.seq());
        assertArrayEquals(frame(3), broken.next());
        assertEquals(3, ((JitterBuffer.Playout.Play) buffer.poll()).seq());
    }

    private void skipDelay() {
        for (int tick = 0; tick < JitterBuffer.TARGET_FRAMES; tick++) {
            buffer.poll();
        }
    }
}
