package org.parley.node.media.transcode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.parley.node.media.MediaException;
import org.parley.node.media.MediaFileName;
import org.parley.node.media.Resolution;
import org.parley.node.media.VideoName;

/**
 * Puts one video into a media folder as renditions with shared keyframes ({@code NAME_480p.mp4}
 * and so on). The files are written under hidden names and given their own once all are whole, so
 * a library watching the folder never takes half an import.
 */
public final class VideoImport {

    private VideoImport() {
    }

    /**
     * Encodes {@code source} into {@code mediaDir} as video {@code name}, one rendition per rung of
     * {@code ladder}, with a keyframe every {@code keyframeMillis}.
     *
     * @param top the bitrate of the highest rendition (the others get it in proportion to their
     *            pixels), or null for 0.1 bit a pixel
     * @return the files written, lowest resolution first
     */
    public static List<Path> run(FrameSource source, String name, Ladder ladder, Bitrate top, long keyframeMillis,
                                 Path mediaDir) throws MediaException {
        VideoName.require(name);
        ladder.forSource(source.height());
        int gopFrames = (int) Math.max(1, Math.ceil(keyframeMillis / 1000.0 * source.frameRate() - 1e-6));
        List<LadderEncoder.Rung> rungs = new ArrayList<>();
        List<Path> targets = new ArrayList<>();
        int topWidth = widthAt(source, ladder.highest());
        for (Resolution resolution : ladder.rungs()) {
            Path target = mediaDir.resolve(new MediaFileName(name, resolution, "mp4").fileName());
            if (Files.exists(target)) {
                throw new MediaException(target + " is in the library already; remove it first or import under"
                        + " another --name");
            }
            int width = widthAt(source, resolution);
            long bitrate = top == null ? Bitrate.forPicture(width, resolution.height(), source.frameRate()).bitsPerSecond()
                    : Math.max(10_000, top.bitsPerSecond() * width * resolution.height()
                    / ((long) topWidth * ladder.highest().height()));
            targets.add(target);
            rungs.add(new LadderEncoder.Rung(resolution, width, resolution.height(), bitrate,
                    mediaDir.resolve("." + target.getFileName() + ".part")));
        }
        try {
            Files.createDirectories(mediaDir);
            LadderEncoder.encode(source, rungs, gopFrames);
            for (int i = 0; i < rungs.size(); i++) {
                Files.move(rungs.get(i).output(), targets.get(i), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new MediaException("cannot write into " + mediaDir + ": " + e.getMessage(), e);
        } finally {
            for (LadderEncoder.Rung rung : rungs) {
                try {
                    Files.deleteIfExists(rung.output());
                } catch (IOException ignored) {
                    // A hidden leftover the library never reads.
                }
            }
        }
        return targets;
    }

    /** The even width that keeps the source's shape at {@code resolution}. */
    private static int widthAt(FrameSource source, Resolution resolution) {
        return (int) Math.max(2, Math.round(source.width() * (double) resolution.height() / source.height() / 2) * 2);
    }
}
