package org.parley.node.media.transcode;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.Frame;
import org.parley.node.media.FFmpegLog;
import org.parley.node.media.MediaException;
import org.parley.node.media.Resolution;

/**
 * Encodes one source into several renditions at once (one decode, one encoder per rendition), all
 * at the source's frame rate with a keyframe every {@code gopFrames} pictures, so that every
 * rendition has keyframes at the same times and can be switched there.
 *
 * <p>The encoder is OpenH264 (H.264 Constrained Baseline): the LGPL FFmpeg build JavaCV ships has
 * no x264, and OpenH264 makes no B-frames, so each keyframe opens a closed group of pictures. Only
 * the pictures are imported; a source's sound is left out.
 */
public final class LadderEncoder {

    private LadderEncoder() {
    }

    /** One rendition to make: its picture size, bitrate and file (written as MP4 with its index first). */
    public record Rung(Resolution resolution, int width, int height, long bitrate, Path output) {
    }

    /** Encodes all of {@code source} into {@code rungs}; returns the number of pictures each holds. */
    public static long encode(FrameSource source, List<Rung> rungs, int gopFrames) throws MediaException {
        FFmpegLog.install();
        AVRational rate = avutil.av_d2q(source.frameRate(), 1_001_000);
        List<H264Writer> writers = new ArrayList<>();
        long pictures = 0;
        try {
            for (Rung rung : rungs) {
                writers.add(new H264Writer(rung, source.width(), source.height(), rate, gopFrames));
            }
            Frame frame;
            while ((frame = source.nextPicture()) != null) {
                pictures++;
                for (H264Writer writer : writers) {
                    writer.write((ByteBuffer) frame.image[0], frame.imageStride);
                }
            }
            if (pictures == 0) {
                throw new MediaException("the source has no pictures to encode");
            }
            for (H264Writer writer : writers) {
                writer.finish();
            }
        } finally {
            writers.forEach(H264Writer::close);
        }
        return pictures;
    }
}
