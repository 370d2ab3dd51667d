package org.parley.federation.voice;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LinkReplayWindowTest {

    @Test
    void takesEachNumberOnceInAnyOrderWithinTheWindow() {
        LinkReplayWindow window = new LinkReplayWindow();
        assertTrue(window.take(5));
        assertTrue(window.take(3));
        assertTrue(window.take(4));
        assertFalse(window.take(3), "a repeat");
        assertFalse(window.take(5), "a repeat of the highest");
        assertTrue(window.take(6));
    }

    @Test
    void refusesNumbersOlderThanTheWindowAndBelowOne() {
        LinkReplayWindow window = new LinkReplayWindow();
        assertFalse(window.take(0));
        assertFalse(window.take(-1));
        assertTrue(window.take(LinkReplayWindow.SIZE + 10));
        assertFalse(window.take(10), "older than the window");
        assertTrue(window.take(11), "the oldest still in the window");
    }

    @Test
    void aJumpForgetsWhatFellOutOfTheWindowButNotWhatIsIn() {
        LinkReplayWindow window = new LinkReplayWindow();
        for (long seq = 1; seq <= 3 * LinkReplayWindow.SIZE; seq++) {
            assertTrue(window.take(seq));
        }
        long top = 3L * LinkReplayWindow.SIZE;
        assertTrue(window.take(top + 100), "a jump ahead");
        for (long seq = top + 1; seq < top + 100; seq++) {
            assertTrue(window.take(seq), "skipped over, not seen: " + seq);
        }
        assertFalse(window.take(top), "seen before the jump, still in the window");
    }
}
