package org.parley.node.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The segments one stream sends, in order: from one rendition, or in the mixed mode segment i from
 * rendition i mod k, beginning at the segment that holds the position asked for.
 */
public record WatchPlan(Video video, List<Resolution> resolutions, int firstSegment, List<Planned> segments) {

    public WatchPlan {
        resolutions = List.copyOf(resolutions);
        segments = List.copyOf(segments);
    }

    /**
     * Plans a stream of {@code video}: {@code resolution} (null for the highest) or, when
     * {@code mixed}, every rendition in turn; from segment {@code fromSegment} when given, else from
     * the last segment that starts at or before {@code startMillis}.
     *
     * @throws IllegalArgumentException with words for the viewer: no such resolution, renditions
     *                                  not aligned for the mixed mode, a start past the end
     */
    public static WatchPlan of(Video video, Resolution resolution, boolean mixed, long startMillis,
                               Integer fromSegment) {
        List<Rendition> order;
        if (mixed) {
            if (!video.aligned()) {
                throw new IllegalArgumentException("the renditions of " + video.name()
                        + " do not share their keyframes, so they cannot be mixed");
            }
            order = video.renditions();
        } else if (resolution == null) {
            order = List.of(video.highest());
        } else {
            order = List.of(video.rendition(resolution).orElseThrow(() -> new IllegalArgumentException(
                    video.name() + " has no " + resolution + " rendition; it has "
                            + video.renditions().stream().map(r -> r.resolution().toString()).toList())));
        }
        List<Segment> first = order.get(0).segments();
        int start = fromSegment != null ? fromSegment : segmentAt(video.name(), first, startMillis);
        if (start < 0 || start > first.size()) {
            throw new IllegalArgumentException(video.name() + " has " + first.size() + " segments, not " + start);
        }
        List<Planned> planned = new ArrayList<>(first.size() - start);
        for (int i = start; i < first.size(); i++) {
            Rendition from = order.get(i % order.size());
            planned.add(new Planned(from.resolution(), from.segments().get(i)));
        }
        return new WatchPlan(video, order.stream().map(Rendition::resolution).toList(), start, planned);
    }

    /** This plan cut to its first {@code count} segments (all of them if it has fewer). */
    public WatchPlan first(int count) {
        return count >= segments.size() ? this : new WatchPlan(video, resolutions, firstSegment,
                segments.subList(0, count));
    }

    /** The last segment starting at or before {@code millis}: a stream can only begin at a keyframe. */
    private static int segmentAt(String name, List<Segment> segments, long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("a start position is not negative");
        }
        int at = 0;
        for (Segment s : segments) {
            if (s.startMillis() <= millis) {
                at = s.index();
            }
        }
        if (!segments.isEmpty()) {
            Segment last = segments.get(segments.size() - 1);
            if (millis >= last.startMillis() + last.durationMillis()) {
                throw new IllegalArgumentException(name + " is " + clock(last.startMillis() + last.durationMillis())
                        + " long: it cannot start at " + clock(millis));
            }
        }
        return at;
    }

    /** A position as players show it: m:ss, or h:mm:ss from an hour. */
    private static String clock(long millis) {
        long seconds = millis / 1000;
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60,
                seconds % 60) : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /** One segment to send and the rendition it comes from. */
    public record Planned(Resolution resolution, Segment segment) {
    }
}
