package org.parley.node.video;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import org.parley.node.media.Resolution;
import org.parley.node.media.Video;
import org.parley.node.media.WatchPlan;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.Watch;

/**
 * What a viewer asked to see of a video: which rendition (or the mixed mode) and from where. The
 * viewer's node checks it as the client wrote it; the holder's node, which alone knows the video,
 * turns it into a {@link WatchPlan}. Travels between them as the JSON body of a {@code video-request}.
 *
 * @param resolution  the rendition asked for, spelled as users write it; null for the highest
 * @param startMillis where to begin, in the video (at the keyframe at or before it)
 * @param fromSegment the segment to begin at, for a viewer resuming; null when not resuming
 * @param segments    how many segments to send; null for all to the end (a web player fetches one at a
 *                    time, and a node that does not know the field sends to the end, which the viewer's
 *                    node cuts short)
 */
record WatchOptions(String resolution, boolean mixed, long startMillis, Integer fromSegment, Integer segments) {

    /** The options of a web player's fetch: segment {@code index} of {@code resolution}, that one only. */
    static WatchOptions oneSegment(String resolution, int index) throws WatchRefusal {
        WatchOptions options = new WatchOptions(resolution, false, 0, index, 1);
        options.check();
        return options;
    }

    /** The options {@code watch} asks for, checked for what any video would refuse. */
    static WatchOptions of(Watch watch) throws WatchRefusal {
        WatchOptions options = new WatchOptions(watch.resolution(), watch.mixedMode(),
                watch.startMillis() == null ? 0 : watch.startMillis(), watch.fromSegment(), null);
        options.check();
        return options;
    }

    private void check() throws WatchRefusal {
        if (mixed && resolution != null) {
            throw new WatchRefusal(ErrorCode.BAD_REQUEST, "ask for one resolution or for the mixed mode, not both");
        }
        if (startMillis < 0 || (fromSegment != null && fromSegment < 0)) {
            throw new WatchRefusal(ErrorCode.BAD_REQUEST, "a start position and a segment are not negative");
        }
        if (segments != null && segments < 1) {
            throw new WatchRefusal(ErrorCode.BAD_REQUEST, "a stream sends at least one segment");
        }
        chosen();
    }

    /** The resolution asked for; null for the highest (or the mixed mode). */
    Resolution chosen() throws WatchRefusal {
        if (resolution == null) {
            return null;
        }
        try {
            return Resolution.parse(resolution);
        } catch (IllegalArgumentException e) {
            throw new WatchRefusal(ErrorCode.BAD_REQUEST, e.getMessage());
        }
    }

    /** The segments to send of {@code video}, or why there are none to send. */
    WatchPlan planFor(Video video) throws WatchRefusal {
        Resolution wanted = chosen();
        if (video.renditions().isEmpty()) {
            throw new WatchRefusal(ErrorCode.UNKNOWN_VIDEO, "video " + video.name() + " has no rendition ready");
        }
        if (wanted != null && video.rendition(wanted).isEmpty()) {
            throw new WatchRefusal(ErrorCode.UNKNOWN_RESOLUTION, video.name() + " has no " + wanted
                    + " rendition; it has " + String.join(", ", video.renditions().stream()
                    .map(r -> r.resolution().toString()).toList()));
        }
        if (mixed && !video.aligned()) {
            throw new WatchRefusal(ErrorCode.UNKNOWN_RESOLUTION, "the renditions of " + video.name()
                    + " do not share their keyframes, so they cannot be mixed");
        }
        try {
            WatchPlan plan = WatchPlan.of(video, wanted, mixed, startMillis, fromSegment);
            return segments == null ? plan : plan.first(segments);
        } catch (IllegalArgumentException e) {
            throw new WatchRefusal(ErrorCode.BAD_REQUEST, e.getMessage());
        }
    }

    byte[] encode() {
        try {
            return WireJson.mapper().writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write watch options", e);
        }
    }

    /** The options a {@code video-request} carries; refused as malformed when they are not. */
    static WatchOptions decode(byte[] body) throws WatchRefusal {
        WatchOptions options;
        try {
            options = WireJson.mapper().readValue(body, WatchOptions.class);
        } catch (IOException e) {
            throw new WatchRefusal(ErrorCode.BAD_REQUEST, "the watch request is malformed: " + e.getMessage());
        }
        if (options == null) {
            throw new WatchRefusal(ErrorCode.BAD_REQUEST, "the watch request is empty");
        }
        options.check();
        return options;
    }

    /** How the log says what was asked for. */
    String describe() {
        String what = mixed ? "mixed" : resolution == null ? "highest" : resolution;
        return what + (fromSegment != null ? " from segment " + fromSegment
                : startMillis > 0 ? " from " + startMillis + " ms" : "") + (segments != null ? ", " + segments
                + " segment" + (segments == 1 ? "" : "s") : "");
    }
}
