package org.parley.client.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

    @Test
    void atATerminalTheBarIsRedrawnInPlaceAndOtherLinesGoBelowIt() {
        StringWriter out = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(out), true);
        ProgressLine line = display.line("sending x.iso", 4 << 20, 0);
        display.progress(line.update(4 << 20)); // the end is always shown
        display.say("parley: the connection to the node dropped; logging in again to go on");
        String shown = out.toString();
        assertTrue(shown.startsWith("\rsending x.iso: [" + "#".repeat(ProgressLine.BAR_WIDTH) + "] 100%  4.0 MiB of 4.0 MiB"),
                shown);
        assertTrue(shown.endsWith("\u001b[K\nparley: the connection to the node dropped; logging in again to go on\n"),
                shown);
    }

    @Test
    void elsewhereEachReportIsALineWithoutBarOrControlCharacters() {
        StringWriter out = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(out), false);
        ProgressLine line = display.line("receiving x.iso from alice@node-a", 1000, 250);
        assertEquals(null, line.update(500)); // not yet due
        display.progress(line.update(1000));
        display.done();
        assertTrue(out.toString().matches("receiving x\\.iso from alice@node-a: 100%  1000 B of 1000 B  .*/s\n"),
                out.toString());
    }

    @Test
    void theBarFillsWithTheBytesDone() {
        ProgressLine half = new ProgressLine("x", 100, 0, 0, true);
        String text = half.update(50);
        int cells = ProgressLine.BAR_WIDTH / 2;
        assertTrue(text.contains("[" + "#".repeat(cells) + ".".repeat(ProgressLine.BAR_WIDTH - cells) + "]  50%"),
                text);
    }
}
