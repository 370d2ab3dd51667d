package org.parley.client.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VideoTimeTest {

    @Test
    void secondsMinutesAndHoursAreRead() {
        assertEquals(0, VideoTime.parse("0"));
        assertEquals(90_000, VideoTime.parse("90"));
        assertEquals(90_500, VideoTime.parse("90.5"));
        assertEquals(1_250, VideoTime.parse("1.25"));
        assertEquals(90_000, VideoTime.parse("1:30"));
        assertEquals(5_000, VideoTime.parse("0:05"));
        assertEquals(75 * 60_000, VideoTime.parse("75:00"), "minutes past the hour in m:ss");
        assertEquals(3_723_000, VideoTime.parse("1:02:03"));
        assertEquals(90_000, VideoTime.parse(" 1:30 "));
    }

    @Test
    void anythingElseIsRefusedWithTheFormsItTakes() {
        for (String wrong : new String[] {"", "abc", "1:3", "1:60", "1:2:3", "1:02:60", "1:60:00", "-5", "1.2345",
                "1:30:", ":30", "1h30", "1:02:03:04"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> VideoTime.parse(wrong), wrong);
            assertTrue(refused.getMessage().contains("seconds (90), m:ss (1:30) or h:mm:ss (1:02:03)"),
                    refused.getMessage());
        }
    }

    @Test
    void aClockShowsHoursOnlyFromAnHour() {
        assertEquals("0:00", VideoTime.clock(0));
        assertEquals("1:30", VideoTime.clock(90_999));
        assertEquals("59:59", VideoTime.clock(3_599_000));
        assertEquals("1:02:03", VideoTime.clock(3_723_000));
        assertEquals(VideoTime.parse(VideoTime.clock(3_723_000)), 3_723_000);
    }
}
