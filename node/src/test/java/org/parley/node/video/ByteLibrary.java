package org.parley.node.video;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.parley.node.media.Rendition;
import org.parley.node.media.Resolution;
import org.parley.node.media.Segment;
import org.parley.node.media.Video;
import org.parley.node.media.VideoLibrary;

/**
 * A library for tests of streaming: its segments are files of random bytes, not video, which is all
 * that routing, flow control, limits and resuming need. Segments are two seconds each; their sizes
 * vary, some past one piece (1 MiB), so that pieces end segments at every kind of offset.
 */
final class ByteLibrary implements VideoLibrary {

    static final long SEGMENT_MILLIS = 2000;

    private final Path folder;
    private final Random random = new Random(22);
    private final Map<String, Video> videos = new ConcurrentSkipListMap<>();
    private final List<Consumer<List<Video>>> listeners = new CopyOnWriteArrayList<>();

    ByteLibrary(Path folder) {
        this.folder = folder;
    }

    /** Adds a video whose renditions share their keyframes, each segment about {@code segmentBytes} long. */
    Video add(String name, int segments, int segmentBytes, String... resolutions) {
        return add(name, segments, segmentBytes, true, resolutions);
    }

    /** Adds a video; when not {@code aligned}, it cannot be watched in the mixed mode. */
    Video add(String name, int segments, int segmentBytes, boolean aligned, String... resolutions) {
        List<Rendition> renditions = new ArrayList<>();
        for (String word : resolutions) {
            Resolution resolution = Resolution.parse(word);
            List<Segment> cut = new ArrayList<>();
            for (int i = 0; i < segments; i++) {
                int bytes = Math.max(1, segmentBytes + random.nextInt(segmentBytes / 2 + 1) - segmentBytes / 4);
                cut.add(new Segment(i, i * SEGMENT_MILLIS, SEGMENT_MILLIS, write(name, resolution, i, bytes), bytes));
            }
            long size = cut.stream().mapToLong(Segment::bytes).sum();
            renditions.add(new Rendition(resolution, resolution.height() * 16 / 9, resolution.height(), "h264",
                    segments * SEGMENT_MILLIS, size * 8000 / Math.max(1, segments * SEGMENT_MILLIS), cut));
        }
        renditions.sort(Comparator.comparing(Rendition::resolution));
        Video video = new Video(name, renditions, aligned);
        videos.put(name, video);
        tell();
        return video;
    }

    void remove(String name) {
        videos.remove(name);
        tell();
    }

    private Path write(String name, Resolution resolution, int index, int bytes) {
        byte[] content = new byte[bytes];
        random.nextBytes(content);
        try {
            Path dir = Files.createDirectories(folder.resolve(name).resolve(resolution.toString()));
            return Files.write(dir.resolve("segment-" + index + ".ts"), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void tell() {
        List<Video> now = videos();
        listeners.forEach(listener -> listener.accept(now));
    }

    @Override
    public List<Video> videos() {
        return List.copyOf(videos.values());
    }

    @Override
    public Optional<Video> video(String name) {
        return Optional.ofNullable(name == null ? null : videos.get(name));
    }

    @Override
    public void changed(Consumer<List<Video>> listener) {
        listeners.add(listener);
    }
}
