package org.parley.client.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.parley.client.video.VideoTime;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.message.VideoList.RenditionSummary;
import org.parley.protocol.message.VideoList.VideoSummary;

/**
 * The videos of {@code parley videos} and {@code /videos}: a table for people (address, length,
 * whether the mixed mode is possible, each resolution with its size and bitrate), one JSON object
 * per video for scripts.
 */
public final class VideoLines {

    private static final String COLUMNS = "%-32s %9s  %-5s  %s";

    private VideoLines() {
    }

    /** The table: a heading, then a line per video; a line saying so when there are none. */
    public static List<String> table(List<VideoSummary> videos, String node) {
        if (videos.isEmpty()) {
            return List.of(node == null ? "no videos on the network" : "no videos on " + node);
        }
        List<String> lines = new ArrayList<>(videos.size() + 1);
        lines.add(String.format(Locale.ROOT, COLUMNS, "VIDEO", "LENGTH", "MIXED", "RESOLUTIONS").stripTrailing());
        for (VideoSummary video : videos) {
            lines.add(text(video));
        }
        return lines;
    }

    public static String text(VideoSummary video) {
        List<String> renditions = new ArrayList<>();
        for (RenditionSummary rendition : video.renditions()) {
            renditions.add(rendition.resolution() + " (" + ProgressLine.bytes(rendition.bytes()) + ", "
                    + bitrate(rendition.bitrate()) + ")");
        }
        // What the node says of another node's videos is that node's word: no control characters reach the terminal.
        return MessageLine.printable(String.format(Locale.ROOT, COLUMNS, video.video(),
                VideoTime.clock(video.durationMillis()), video.mixed() ? "yes" : "no", String.join(", ", renditions)));
    }

    /** {@code 800 kbit/s}, {@code 2.5 Mbit/s}. */
    static String bitrate(long bitsPerSecond) {
        if (bitsPerSecond >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1f Mbit/s", bitsPerSecond / 1e6);
        }
        return Math.round(bitsPerSecond / 1e3) + " kbit/s";
    }

    public static String json(VideoSummary video) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("video", video.video());
        fields.put("durationMillis", video.durationMillis());
        fields.put("segments", video.segments());
        fields.put("mixed", video.mixed());
        List<Map<String, Object>> renditions = new ArrayList<>();
        for (RenditionSummary rendition : video.renditions()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("resolution", rendition.resolution());
            one.put("width", rendition.width());
            one.put("height", rendition.height());
            one.put("codec", rendition.codec());
            one.put("bytes", rendition.bytes());
            one.put("bitrate", rendition.bitrate());
            renditions.add(one);
        }
        fields.put("renditions", renditions);
        try {
            return WireJson.mapper().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
