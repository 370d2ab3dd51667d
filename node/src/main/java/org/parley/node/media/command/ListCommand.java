package org.parley.node.media.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.parley.node.config.ConfigException;
import org.parley.node.config.MediaConfig;
import org.parley.node.media.Alignment;
import org.parley.node.media.MediaException;
import org.parley.node.media.MediaFileName;
import org.parley.node.media.MediaProbe;
import org.parley.node.media.Probe;
import org.parley.node.media.SegmentCuts;
import org.parley.node.media.transcode.Bitrate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code parley-node media list}: what the media folder holds, as the library would serve it. It
 * reads the files (never the node's cache), so it can run beside a running node.
 */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Lists the videos in the media folder: each rendition's size, codec, length, bitrate and"
                + " segments, whether the renditions share their keyframes (the mixed mode needs it), and the files"
                + " the library cannot use, with why.")
public final class ListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private MediaFolderOptions folder;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MediaConfig media;
        try {
            media = folder.load();
        } catch (ConfigException e) {
            err.println("parley-node media: " + e.getMessage());
            err.flush();
            return 2;
        }
        Map<String, Map<MediaFileName, Probe>> videos = new TreeMap<>();
        List<String> unusable = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(media.mediaDir())) {
            for (Path file : files) {
                MediaFileName name = MediaFileName.parse(file.getFileName().toString()).orElse(null);
                if (name == null) {
                    continue;
                }
                try {
                    Probe probe = MediaProbe.probe(file);
                    videos.computeIfAbsent(name.video(), v -> new TreeMap<>((a, b) -> a.resolution()
                            .compareTo(b.resolution()))).put(name, probe);
                } catch (MediaException e) {
                    unusable.add(file.getFileName() + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            err.println("parley-node media: cannot list " + media.mediaDir() + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        out.println(media.mediaDir() + ": " + videos.size() + " video(s)");
        videos.forEach((video, renditions) -> {
            List<List<Long>> starts = new ArrayList<>();
            long frame = 1;
            for (Map.Entry<MediaFileName, Probe> entry : renditions.entrySet()) {
                Probe probe = entry.getValue();
                List<Long> cuts = SegmentCuts.of(probe, media.segmentMillis());
                starts.add(cuts.stream().map(probe::millis).toList());
                frame = Math.max(frame, probe.frameMillis());
            }
            out.printf("%s  %s%n", video, renditions.size() == 1 ? "" : Alignment.alignedStarts(starts, frame)
                    ? "renditions aligned (mixed mode possible)" : "renditions NOT aligned (no mixed mode)");
            renditions.forEach((name, probe) -> out.printf("  %-6s %5dx%-5d %-5s %7.1f s  %13s  %3d segment(s)%s%n",
                    name.resolution(), probe.width(), probe.height(), probe.codec(), probe.durationMillis() / 1000.0,
                    new Bitrate(Math.max(10_000, probe.bitrate())), SegmentCuts.of(probe, media.segmentMillis()).size(),
                    probe.audioCodec() == null ? "" : "  sound " + probe.audioCodec()));
        });
        unusable.forEach(line -> out.println("cannot use " + line));
        out.flush();
        return 0;
    }
}
