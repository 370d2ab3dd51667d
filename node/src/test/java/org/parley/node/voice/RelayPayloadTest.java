package org.parley.node.voice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RelayPayloadTest {

    @Test
    void readsBackWhatItWroteWithTheSealedBytesUntouched() {
        byte[] sealed = {9, 8, 7, 6, 5};
        RelayPayload payload = new RelayPayload(RelayPayload.Way.TO_HOME, 42, -3, 1L << 40, sealed);
        byte[] bytes = payload.encode();
        assertArrayEquals(new byte[] {
            1,                          // way: toward the home
            0, 0, 0, 0, 0, 0, 0, 42,    // room
            -1, -1, -1, -3,             // ssrc
            0, 0, 1, 0, 0, 0, 0, 0,     // seq
            9, 8, 7, 6, 5}, bytes);     // sealed
        RelayPayload read = RelayPayload.read(bytes);
        assertEquals(RelayPayload.Way.TO_HOME, read.way());
        assertEquals(42, read.room());
        assertEquals(-3, read.ssrc());
        assertEquals(1L << 40, read.seq());
        assertArrayEquals(sealed, read.sealed());
    }

    @Test
    void refusesAWayItDoesNotKnowAndAPacketWithNothingSealed() {
        byte[] bytes = new RelayPayload(RelayPayload.Way.FROM_HOME, 1, 1, 1, new byte[] {1}).encode();
        assertEquals(RelayPayload.Way.FROM_HOME, RelayPayload.read(bytes).way());
        bytes[0] = 3;
        assertNull(RelayPayload.read(bytes));
        assertNull(RelayPayload.read(java.util.Arrays.copyOf(bytes, 21)));
    }
}
