package org.parley.client.shell;

import org.parley.protocol.message.ReceiptStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.parley.protocol.message.Receipt;

class ReceiptMarksTest {

    @Test
    void marksNameTheirMessageAndAReadBeforeItsDeliveredIsNotFollowedByIt() {
        ReceiptMarks marks = new ReceiptMarks();
        marks.sent("m1", "see you at the station at noon, bring the tickets");

        assertEquals("  \u2713\u2713 read by bob@b: \"see you at the station\u2026\"",
                marks.line(new Receipt("m1", "bob@b", ReceiptStatus.READ)));
        assertNull(marks.line(new Receipt("m1", "bob@b", ReceiptStatus.DELIVERED)), "a read implies delivered");
        assertNull(marks.line(new Receipt("m1", "bob@b", ReceiptStatus.READ)));
    }

    @Test
    void deliveredThenReadAreEachShownOnce() {
        ReceiptMarks marks = new ReceiptMarks();
        marks.sent("m2", "hi");

        assertEquals("  \u2713\u2713 delivered to bob@b: \"hi\"", marks.line(new Receipt("m2", "bob@b", ReceiptStatus.DELIVERED)));
        assertNull(marks.line(new Receipt("m2", "bob@b", ReceiptStatus.DELIVERED)));
        assertEquals("  \u2713\u2713 read by bob@b: \"hi\"", marks.line(new Receipt("m2", "bob@b", ReceiptStatus.READ)));
    }
}
