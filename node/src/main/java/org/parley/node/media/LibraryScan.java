package org.parley.node.media;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One look at the media folder: which files are renditions of which videos, each read from the
 * cache or probed and cut into it, and the videos they make. A file that cannot be used is logged
 * with why (once, until it changes) and left out; the others are not held up by it. Runs on the
 * library's worker only, so its memory of what it reported needs no lock.
 */
final class LibraryScan {

    private static final Logger LOG = LoggerFactory.getLogger(LibraryScan.class);

    private final Path mediaDir;
    private final RenditionCache cache;
    private final long segmentMillis;
    /** Files already reported as unusable, as they were then: not reported again until they change. */
    private final Map<Path, SourceStamp> reported = new HashMap<>();

    LibraryScan(Path mediaDir, RenditionCache cache, long segmentMillis) {
        this.mediaDir = mediaDir;
        this.cache = cache;
        this.segmentMillis = segmentMillis;
    }

    /**
     * The videos the folder holds now, by name.
     *
     * @param cachedOnly take only renditions the cache holds already (the quick first look at start);
     *                   otherwise cut what is new and remove from the cache what is gone
     */
    List<Video> run(boolean cachedOnly) {
        Map<MediaFileName, Source> sources = sources();
        Map<String, List<RenditionIndex>> indexes = new TreeMap<>();
        Map<String, List<Rendition>> renditions = new TreeMap<>();
        Map<String, Set<Resolution>> kept = new HashMap<>();
        for (Map.Entry<MediaFileName, Source> entry : sources.entrySet()) {
            MediaFileName file = entry.getKey();
            Source source = entry.getValue();
            RenditionIndex index = cache.cached(file, source.stamp(), segmentMillis).orElse(null);
            if (index == null && !cachedOnly && !source.stamp().equals(reported.get(source.listed()))) {
                index = build(file, source);
            }
            if (index != null) {
                indexes.computeIfAbsent(file.video(), v -> new ArrayList<>()).add(index);
                renditions.computeIfAbsent(file.video(), v -> new ArrayList<>())
                        .add(index.rendition(file.resolution(), cache.folder(file.video(), file.resolution())));
                kept.computeIfAbsent(file.video(), v -> new HashSet<>()).add(file.resolution());
            }
        }
        if (!cachedOnly) {
            cache.keepOnly(kept);
        }
        List<Video> videos = new ArrayList<>();
        renditions.forEach((name, list) -> {
            List<Rendition> sorted = list.stream().sorted((a, b) -> a.resolution().compareTo(b.resolution())).toList();
            long frame = indexes.get(name).stream().mapToLong(i -> i.probe().frameMillis()).max().orElse(1);
            videos.add(new Video(name, sorted, Alignment.aligned(sorted, frame)));
        });
        return videos;
    }

    private RenditionIndex build(MediaFileName file, Source source) {
        long started = System.nanoTime();
        try {
            RenditionIndex index = cache.build(file, source.real(), source.stamp(), segmentMillis);
            Probe probe = index.probe();
            LOG.info("Cut {} into {} segment(s) of about {} s ({} {}x{}, {} ms, {} kbit/s) in {} ms", source.listed(),
                    index.cuts().size(), segmentMillis / 1000.0, probe.codec(), probe.width(), probe.height(),
                    probe.durationMillis(), probe.bitrate() / 1000, (System.nanoTime() - started) / 1_000_000);
            reported.remove(source.listed());
            return index;
        } catch (MediaException e) {
            LOG.warn("Skipping {} in the media library: {}", source.listed(), e.getMessage());
            reported.put(source.listed(), source.stamp());
            return null;
        }
    }

    /** The library files in the folder, one per video and resolution. */
    private Map<MediaFileName, Source> sources() {
        Map<MediaFileName, Source> found = new TreeMap<>((a, b) -> a.video().equals(b.video())
                ? a.resolution().compareTo(b.resolution()) : a.video().compareTo(b.video()));
        if (!Files.isDirectory(mediaDir)) {
            return found;
        }
        Path realFolder;
        try {
            realFolder = mediaDir.toRealPath();
        } catch (IOException e) {
            LOG.warn("Cannot read the media folder {}: {}", mediaDir, e.getMessage());
            return found;
        }
        Set<Path> seen = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(mediaDir)) {
            for (Path path : files) {
                String fileName = path.getFileName().toString();
                if (fileName.startsWith(".")) {
                    continue;
                }
                seen.add(path);
                MediaFileName name = MediaFileName.parse(fileName).orElse(null);
                Source source = name == null ? null : source(path, realFolder);
                if (name == null) {
                    reportOnce(path, null, "its name is not NAME_RESOLUTION." + String.join("|",
                            MediaFileName.CONTAINERS) + " (for example lecture_480p.mp4), NAME being " + VideoName.RULE);
                } else if (source != null) {
                    Source other = found.get(name);
                    if (other == null || preferred(path, other.listed())) {
                        if (other != null) {
                            reportOnce(other.listed(), other.stamp(), "there is also " + path.getFileName()
                                    + ", which is taken instead");
                        }
                        found.put(name, source);
                    } else {
                        reportOnce(path, source.stamp(), "there is also " + other.listed().getFileName()
                                + ", which is taken instead");
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list the media folder {}: {}", mediaDir, e.getMessage());
        }
        reported.keySet().retainAll(seen);
        return found;
    }

    /** The file at {@code path} if it is a regular file inside the folder, links followed; else null, reported. */
    private Source source(Path path, Path realFolder) {
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            reportOnce(path, null, "it cannot be read (" + e.getMessage() + "); a link to nothing?");
            return null;
        }
        if (!real.startsWith(realFolder)) {
            reportOnce(path, null, "it is a link to " + real + ", outside the media folder");
            return null;
        }
        if (!Files.isRegularFile(real)) {
            return null;
        }
        try {
            return new Source(path, real, SourceStamp.of(real));
        } catch (IOException e) {
            reportOnce(path, null, "it cannot be read (" + e.getMessage() + ")");
            return null;
        }
    }

    private static boolean preferred(Path candidate, Path other) {
        return container(candidate) < container(other);
    }

    private static int container(Path path) {
        String name = path.getFileName().toString();
        return MediaFileName.CONTAINERS.indexOf(name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT));
    }

    /** Logs once why {@code path} is left out, until its stamp changes (null: until it goes). */
    private void reportOnce(Path path, SourceStamp stamp, String why) {
        SourceStamp key = stamp == null ? new SourceStamp(-1, -1) : stamp;
        if (!key.equals(reported.get(path))) {
            LOG.warn("Skipping {} in the media library: {}", path, why);
            reported.put(path, key);
        }
    }

    /** A library file as found: its path in the folder, the file it is (links followed) and its stamp. */
    private record Source(Path listed, Path real, SourceStamp stamp) {
    }
}
