package org.parley.client.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MessageLineTest {

    @Test
    void terminalEscapesFromOtherUsersAreNeutralised() {
        MessageLine line = new MessageLine("m1", "eve@x", "bob@x", "\u001b[2Jgotcha\u0007", 0);

        String text = line.text(false);

        assertTrue(text.endsWith("eve@x: \uFFFD[2Jgotcha\uFFFD"), text);
    }

    @Test
    void jsonCarriesTheTextUntouched() {
        MessageLine line = new MessageLine("m1", "eve@x", "*", "quote \" and \n newline", 5);

        assertEquals("{\"id\":\"m1\",\"from\":\"eve@x\",\"to\":\"*\",\"text\":\"quote \\\" and \\n newline\",\"sentAt\":5}",
                line.json());
    }

    @Test
    void aLongMessageIsShownShortenedWithItsSizeAndJsonCarriesAllOfIt() {
        String text = "y".repeat(1_000_000);
        MessageLine line = new MessageLine("m1", "eve@x", "bob@x", text, 0);

        String shown = line.text(false);

        assertTrue(shown.length() < MessageLine.SHOWN_CHARS + 200, "shown: " + shown.length());
        assertTrue(shown.endsWith("[shortened: the message is 976.6 KiB; --json shows all of it]"), shown);
        assertTrue(line.json().contains(text));
    }
}
