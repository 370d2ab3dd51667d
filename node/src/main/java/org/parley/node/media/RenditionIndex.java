package org.parley.node.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the cache keeps beside a rendition's segments ({@code index.json}): the source it was cut
 * from, as it was then, how it was cut, and what each segment weighs. The segments' times follow
 * from the probe and the cuts, so a rendition read back from the cache is the one first made.
 *
 * @param format        the layout of this file; another value means the cache is cut again
 * @param segmentMillis the target segment length the cuts were made for
 * @param cuts          the keyframes (in the probe's ticks) where segments begin
 * @param segmentBytes  each segment's size
 */
public record RenditionIndex(int format, SourceStamp source, long segmentMillis, Probe probe, List<Long> cuts,
                             List<Long> segmentBytes) {

    /** The layout written now. */
    public static final int FORMAT = 1;

    public RenditionIndex {
        cuts = List.copyOf(cuts);
        segmentBytes = List.copyOf(segmentBytes);
        if (cuts.size() != segmentBytes.size() || cuts.isEmpty()) {
            throw new IllegalArgumentException("an index has one size per cut, and at least one cut");
        }
    }

    /** The rendition its segments in {@code folder} make, as {@code resolution}. */
    public Rendition rendition(Resolution resolution, Path folder) {
        List<Segment> segments = new ArrayList<>(cuts.size());
        long total = probe.durationMillis();
        for (int i = 0; i < cuts.size(); i++) {
            long start = probe.millis(cuts.get(i));
            long end = i + 1 < cuts.size() ? probe.millis(cuts.get(i + 1)) : total;
            segments.add(new Segment(i, start, Math.max(0, end - start), Rewrapper.segment(folder, i),
                    segmentBytes.get(i)));
        }
        return new Rendition(resolution, probe.width(), probe.height(), probe.codec(), total, probe.bitrate(),
                segments);
    }
}
