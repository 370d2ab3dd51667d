package org.parley.protocol.voice;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    private final ReplayWindow window = new ReplayWindow(128);

    @Test
    void aFrameTakenOnceIsRefusedTheSecondTime() {
        assertTrue(window.accept(0));
        assertTrue(window.accept(1));

        assertFalse(window.isFresh(1));
        assertFalse(window.accept(1));
        assertFalse(window.accept(0));
    }

    @Test
    void framesWithinTheWindowMayArriveInAnyOrder() {
        assertTrue(window.accept(10));
        assertTrue(window.accept(7));
        assertTrue(window.accept(12));
        assertTrue(window.accept(8));
        assertTrue(window.accept(11));
        assertTrue(window.accept(10 + 127 - 2)); // far ahead, and 8 is still inside

        assertTrue(window.accept(9));
        assertFalse(window.accept(7));
        assertFalse(window.accept(12));
    }

    @Test
    void aFrameOlderThanTheWindowIsRefusedEvenIfNeverSeen() {
        assertTrue(window.accept(1000));

        assertFalse(window.accept(1000 - 128));
        assertFalse(window.accept(3));
        assertTrue(window.accept(1000 - 127));
    }

    @Test
    void aJumpFurtherThanTheWindowForgetsWhatCameBefore() {
        assertTrue(window.accept(5));
        assertTrue(window.accept(5 + 128));
        assertTrue(window.accept(5 + 1000));

        assertTrue(window.accept(5 + 1000 - 128 + 1)); // within, never seen, though its slot once held 5 + 128
        assertFalse(window.accept(5 + 128));
        assertFalse(window.accept(-1));
    }
}
