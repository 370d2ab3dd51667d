package org.parley.node.media.transcode;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.parley.node.media.MediaException;
import org.parley.node.media.MediaProbe;

/** A video file, decoded. */
public final class SourceFile implements FrameSource {

    private final Path file;
    private final FFmpegFrameGrabber grabber;

    private SourceFile(Path file, FFmpegFrameGrabber grabber) {
        this.file = file;
        this.grabber = grabber;
    }

    /** Opens {@code file}; fails with why when it is missing or holds no video FFmpeg can decode. */
    public static SourceFile open(Path file) throws MediaException {
        if (!Files.isRegularFile(file)) {
            throw new MediaException(file + " does not exist or is not a file");
        }
        try {
            MediaProbe.probe(file);
        } catch (MediaException e) {
            throw new MediaException(file + " cannot be imported: " + e.getMessage(), e);
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            release(grabber);
            throw new MediaException(file + " cannot be decoded: " + e.getMessage(), e);
        }
        if (!grabber.hasVideo() || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            release(grabber);
            throw new MediaException(file + " holds no video");
        }
        return new SourceFile(file, grabber);
    }

    @Override
    public int width() {
        return grabber.getImageWidth();
    }

    @Override
    public int height() {
        return grabber.getImageHeight();
    }

    @Override
    public double frameRate() {
        double rate = grabber.getVideoFrameRate();
        // A container that declares no rate, or a nonsense one: take the usual PAL rate.
        return rate > 0 && rate <= 240 ? rate : 25;
    }

    @Override
    public boolean hasSound() {
        return grabber.hasAudio();
    }

    @Override
    public Frame nextPicture() throws MediaException {
        try {
            return grabber.grabImage();
        } catch (FrameGrabber.Exception e) {
            throw new MediaException("cannot decode " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        release(grabber);
    }

    private static void release(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception ignored) {
            // Closing what failed to open: nothing to keep.
        }
    }
}
