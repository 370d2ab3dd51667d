package org.parley.client;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.parley.protocol.message.VideoList;

/**
 * A video as {@link VideoNode} serves it: segments of two seconds, of bytes that differ from one
 * segment to the next (a client that repeats, skips or cuts one shows in its output), each a little
 * larger than the one before. The bytes are not MPEG-TS: the client never reads inside a segment.
 */
record TestVideo(String address, List<byte[]> segments, List<String> resolutions, boolean mixed) {

    static final long SEGMENT_MILLIS = 2000;

    static TestVideo of(String address, int count, String... resolutions) {
        Random random = new Random(address.hashCode());
        List<byte[]> segments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[120_000 + 7_000 * i];
            random.nextBytes(bytes);
            segments.add(bytes);
        }
        return new TestVideo(address, segments, List.of(resolutions), false);
    }

    /** The same video in the mixed mode: segment i from rendition i mod k. */
    TestVideo mixedMode() {
        return new TestVideo(address, segments, resolutions, true);
    }

    byte[] segment(int index) {
        return segments.get(index);
    }

    int count() {
        return segments.size();
    }

    long durationMillis() {
        return count() * SEGMENT_MILLIS;
    }

    long startMillis(int index) {
        return index * SEGMENT_MILLIS;
    }

    String resolution(int index) {
        return mixed ? resolutions.get(index % resolutions.size()) : resolutions.get(resolutions.size() - 1);
    }

    /** What a client that got segments {@code from} to {@code to} whole has written. */
    byte[] bytes(int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            out.writeBytes(segment(i));
        }
        return out.toByteArray();
    }

    long size() {
        return bytes(0, count()).length;
    }

    VideoList.VideoSummary summary() {
        List<VideoList.RenditionSummary> renditions = new ArrayList<>();
        for (String resolution : resolutions) {
            int height = Integer.parseInt(resolution.replace("p", ""));
            renditions.add(new VideoList.RenditionSummary(resolution, height * 16 / 9, height, "h264", size(),
                    size() * 8 * 1000 / durationMillis()));
        }
        return new VideoList.VideoSummary(address, durationMillis(), count(), resolutions.size() > 1, renditions);
    }

    /** Begins {@code stream} as the node would, from segment {@code first}. */
    void began(VideoNode.Stream stream, int first) {
        stream.watching(mixed ? resolutions : List.of(resolution(0)), durationMillis(), count(), first,
                startMillis(first));
    }
}
