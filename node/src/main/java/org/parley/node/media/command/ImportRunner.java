package org.parley.node.media.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.parley.node.config.ConfigException;
import org.parley.node.config.MediaConfig;
import org.parley.node.media.MediaException;
import org.parley.node.media.MediaProbe;
import org.parley.node.media.Probe;
import org.parley.node.media.transcode.Bitrate;
import org.parley.node.media.transcode.FrameSource;
import org.parley.node.media.transcode.Ladder;
import org.parley.node.media.transcode.VideoImport;

/** What {@code import} and {@code testcard} share: run the import, say what it made, or why not. */
final class ImportRunner {

    private ImportRunner() {
    }

    /** A source opened once the settings are known. */
    interface Opener {
        FrameSource open() throws MediaException;
    }

    /**
     * Imports what {@code opener} gives as {@code name}; prints each rendition made on {@code out}, or
     * one line on {@code err}. Returns the exit code: 0, 1 (the import failed) or 2 (bad arguments).
     *
     * @param ladder the ladder asked for, or null for the default one fitted to the source
     */
    static int run(MediaFolderOptions folder, Opener opener, String name, String ladder, String bitrate,
                   PrintWriter out, PrintWriter err) {
        MediaConfig media;
        Ladder asked;
        Bitrate top;
        try {
            media = folder.load();
            asked = ladder == null ? null : Ladder.parse(ladder);
            top = bitrate == null ? null : Bitrate.parse(bitrate);
        } catch (ConfigException | IllegalArgumentException e) {
            return fail(err, e.getMessage(), 2);
        }
        long started = System.nanoTime();
        List<Path> written;
        try (FrameSource source = opener.open()) {
            Ladder rungs = asked == null ? Ladder.defaultFor(source.height()) : asked;
            written = VideoImport.run(source, name, rungs, top, media.segmentMillis(), media.mediaDir());
            if (source.hasSound()) {
                out.println("note: the source's sound is not imported; the renditions have pictures only");
            }
        } catch (IllegalArgumentException e) {
            return fail(err, e.getMessage(), 2);
        } catch (MediaException e) {
            return fail(err, e.getMessage(), 1);
        }
        for (Path file : written) {
            try {
                Probe probe = MediaProbe.probe(file);
                out.printf("%s  %dx%d  %s  %.1f s  %s  %d bytes%n", file, probe.width(), probe.height(), probe.codec(),
                        probe.durationMillis() / 1000.0, new Bitrate(Math.max(10_000, probe.bitrate())),
                        Files.size(file));
            } catch (MediaException | IOException e) {
                return fail(err, "wrote " + file + " but cannot read it back: " + e.getMessage(), 1);
            }
        }
        out.printf("imported %s in %.1f s, keyframes every %d s; a node serving %s picks it up by itself%n", name,
                (System.nanoTime() - started) / 1e9, media.segmentSeconds(), media.mediaDir());
        out.flush();
        return 0;
    }

    private static int fail(PrintWriter err, String message, int code) {
        err.println("parley-node media: " + message);
        err.flush();
        return code;
    }
}
