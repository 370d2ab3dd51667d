package org.parley.client.output;

import java.io.PrintWriter;

/**
 * Where a command shows progress and what else it has to say on stderr. At a terminal, progress
 * is one bar redrawn in place, and any other line first clears it; otherwise (a script, a log) each
 * progress report is a line of its own, at most twice a second.
 */
public final class ProgressDisplay {

    private static final String CLEAR_TO_END = "\u001b[K";

    private final PrintWriter err;
    private final boolean inPlace;
    private boolean barShown;

    public ProgressDisplay(PrintWriter err, boolean inPlace) {
        this.err = err;
        this.inPlace = inPlace;
    }

    /** In place only when the process talks to a terminal. */
    public static ProgressDisplay on(PrintWriter err) {
        return new ProgressDisplay(err, System.console() != null);
    }

    /** A progress line for a transfer of {@code total} bytes, resumed at {@code startBytes}. */
    public ProgressLine line(String label, long total, long startBytes) {
        return new ProgressLine(label, total, startBytes, every(), inPlace);
    }

    /** A progress line for a video being watched. */
    public WatchProgressLine watchLine() {
        return new WatchProgressLine(every(), inPlace);
    }

    /** A bar redrawn in place five times a second; a line of its own twice a second. */
    private long every() {
        return inPlace ? 200_000_000L : 500_000_000L;
    }

    /** Shows a progress report (from {@link ProgressLine#update}); null is nothing to show. */
    public synchronized void progress(String report) {
        if (report == null) {
            return;
        }
        if (inPlace) {
            err.print("\r" + report + CLEAR_TO_END);
            barShown = true;
        } else {
            err.println(report);
        }
        err.flush();
    }

    /** A line of its own, under the bar if one is shown. */
    public synchronized void say(String line) {
        if (barShown) {
            err.println();
            barShown = false;
        }
        err.println(line);
        err.flush();
    }

    /** The bar stays as it is; what follows goes below it. */
    public synchronized void done() {
        if (barShown) {
            err.println();
            err.flush();
            barShown = false;
        }
    }
}
