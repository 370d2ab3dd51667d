package org.parley.client.output;

import org.parley.client.video.VideoTime;
import org.parley.client.video.WatchStatus;

/**
 * A watch's progress as one line: how much of the video is written, of how long it is, and how
 * fast it comes, as a multiple of real time (above 1x it comes faster than it plays) and in bytes:
 * {@code lecture@node-b 480p: [#####...] 1:30 / 10:00  4.2x real time  1.3 MiB/s}.
 */
public final class WatchProgressLine {

    private final boolean bar;
    private final Pace pace;

    /** @param bar with a bar of cells before the figures, for a terminal */
    public WatchProgressLine(long everyNanos, boolean bar) {
        this.bar = bar;
        this.pace = new Pace(everyNanos);
    }

    /** The line for {@code status} if one is due now (always at the end), else null. */
    public String update(WatchStatus status) {
        return pace.due(System.nanoTime(), status.complete()) ? text(status) : null;
    }

    public String text(WatchStatus status) {
        int percent = status.durationMillis() <= 0 ? 100
                : (int) Math.min(100, 100 * status.positionMillis() / status.durationMillis());
        return String.format(java.util.Locale.ROOT, "%s %s:%s %s / %s  %.1fx real time  %s/s", status.video(),
                status.variant(), bar ? " " + ProgressLine.cells(percent) : "", VideoTime.clock(status.positionMillis()),
                VideoTime.clock(status.durationMillis()), status.realTime(),
                ProgressLine.bytes((long) status.bytesPerSecond()));
    }
}
