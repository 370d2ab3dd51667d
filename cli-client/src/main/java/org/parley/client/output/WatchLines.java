package org.parley.client.output;

import org.parley.client.video.VideoTime;
import org.parley.client.video.VideoWatch;
import org.parley.client.video.WatchStatus;
import org.parley.protocol.message.Watching;

/** What {@code parley watch} and the shell say when a watch begins, resumes and ends. */
public final class WatchLines {

    private WatchLines() {
    }

    /** {@code watching lecture@node-b (480p, 10:00, from 1:30) into lecture_480p.ts}, or that it resumed. */
    public static String started(Watching watching, String where, boolean resumed) {
        if (resumed) {
            return "resumed " + watching.video() + " at " + VideoTime.clock(watching.startMillis()) + " (segment "
                    + watching.firstSegment() + ")";
        }
        String renditions = watching.resolutions().size() == 1 ? watching.resolutions().get(0)
                : "mixed: " + String.join(", ", watching.resolutions());
        return MessageLine.printable("watching " + watching.video() + " (" + renditions + ", "
                + VideoTime.clock(watching.durationMillis())
                + (watching.firstSegment() > 0 ? ", from " + VideoTime.clock(watching.startMillis()) : "")
                + ") into " + where);
    }

    /** How the watch ended: all of it written, or where it stopped and why. */
    public static String finished(VideoWatch.Result result) {
        WatchStatus status = result.status();
        if (result.where() == null) {
            return result.stopped() == null ? "nothing to watch" : result.stopped() + " before the stream began";
        }
        String part = status.video() + " " + status.variant() + " from " + VideoTime.clock(status.fromMillis()) + " to "
                + VideoTime.clock(status.positionMillis()) + " (" + ProgressLine.bytes(status.bytes()) + ")";
        if (result.stopped() == null) {
            return MessageLine.printable("all of " + part + " went to " + result.where());
        }
        return MessageLine.printable(result.stopped() + ": " + part + " went to " + result.where()
                + ", whole segments only");
    }
}
