package org.parley.node.media;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rewrapped renditions in the node's data folder: {@code media-cache/<video>/<resolution>/}
 * holding {@code 00000.ts}... and {@code index.json}. A rendition is cut once and read back on later
 * scans and restarts while its source keeps its size and modification time. A rendition is built in
 * a hidden folder beside its place and moved there whole, so a crash never leaves half a rendition
 * where a scan would take it.
 */
public final class RenditionCache {

    private static final Logger LOG = LoggerFactory.getLogger(RenditionCache.class);
    private static final String INDEX = "index.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path root;

    /** @param root the cache's own folder ({@code DATA/media-cache}) */
    public RenditionCache(Path root) {
        this.root = root;
    }

    /** The cache folder of the data folder {@code dataDir}. */
    public static Path under(Path dataDir) {
        return dataDir.resolve("media-cache");
    }

    private Path folder(MediaFileName file) {
        return folder(file.video(), file.resolution());
    }

    /** The rendition cut before from {@code source} as it is now, if the cache holds it whole. */
    public Optional<RenditionIndex> cached(MediaFileName file, SourceStamp source, long segmentMillis) {
        Path folder = folder(file);
        RenditionIndex index;
        try {
            index = JSON.readValue(folder.resolve(INDEX).toFile(), RenditionIndex.class);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (index.format() != RenditionIndex.FORMAT || !index.source().equals(source)
                || index.segmentMillis() != segmentMillis) {
            return Optional.empty();
        }
        for (int i = 0; i < index.segmentBytes().size(); i++) {
            try {
                if (Files.size(Rewrapper.segment(folder, i)) != index.segmentBytes().get(i)) {
                    return Optional.empty();
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.of(index);
    }

    /** Probes {@code path} and cuts it into segments in the cache, replacing what was there. */
    public RenditionIndex build(MediaFileName file, Path path, SourceStamp source, long segmentMillis)
            throws MediaException {
        Probe probe = MediaProbe.probe(path);
        List<Long> cuts = SegmentCuts.of(probe, segmentMillis);
        Path folder = folder(file);
        Path partial = folder.resolveSibling("." + file.resolution() + ".partial");
        try {
            deleteTree(partial);
            Files.createDirectories(partial);
            List<Long> sizes = Rewrapper.rewrap(path, probe, cuts, partial);
            RenditionIndex index = new RenditionIndex(RenditionIndex.FORMAT, source, segmentMillis, probe, cuts, sizes);
            JSON.writeValue(partial.resolve(INDEX).toFile(), index);
            deleteTree(folder);
            Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
            return index;
        } catch (IOException e) {
            throw new MediaException("cannot write its segments under " + root + ": " + e.getMessage(), e);
        } finally {
            try {
                deleteTree(partial);
            } catch (IOException e) {
                LOG.warn("Could not remove the unfinished segments in {}: {}", partial, e.getMessage());
            }
        }
    }

    /** The folder of {@code resolution} of {@code video}, where its segments are. */
    public Path folder(String video, Resolution resolution) {
        return root.resolve(video).resolve(resolution.toString());
    }

    /** Removes every rendition but those of {@code keep} (resolutions by video), and anything else left there. */
    public void keepOnly(Map<String, Set<Resolution>> keep) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> videos = Files.newDirectoryStream(root)) {
            for (Path video : videos) {
                Set<Resolution> kept = keep.getOrDefault(video.getFileName().toString(), Set.of());
                if (kept.isEmpty()) {
                    removeStale(video);
                    continue;
                }
                try (DirectoryStream<Path> renditions = Files.newDirectoryStream(video)) {
                    for (Path rendition : renditions) {
                        String name = rendition.getFileName().toString();
                        if (kept.stream().noneMatch(r -> r.toString().equals(name))) {
                            removeStale(rendition);
                        }
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not tidy the media cache {}: {}", root, e.getMessage());
        }
    }

    private static void removeStale(Path path) throws IOException {
        LOG.info("Removing cached segments {}: their source is no longer in the media folder", path);
        deleteTree(path);
    }

    /** Deletes {@code path} and all under it, without following links out of it. */
    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(p);
                } catch (NoSuchFileException ignored) {
                    // Gone already: what was wanted.
                }
            }
        }
    }
}
