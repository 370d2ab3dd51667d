package org.parley.node.media;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.LoggerFactory;

/**
 * A video as a player would see it: every picture decoded (FFmpeg through JavaCV), with each
 * picture's height and whether it was a keyframe, how long the pictures span, and what FFmpeg
 * complained of while decoding. Published in the node's test-jar for the other modules' tests.
 *
 * @param frames         pictures decoded
 * @param durationMillis from the first picture's time to the end of the last one
 * @param firstMillis    the first picture's time, as the stream stamps it
 * @param heights        each picture's height, in order
 * @param firstIsKey     whether the first picture decoded is a keyframe
 * @param errors         FFmpeg's error lines while decoding (none for a clean stream)
 */
public record DecodedVideo(long frames, long durationMillis, long firstMillis, List<Integer> heights,
                           boolean firstIsKey, List<String> errors) {

    /** Decodes a file (MP4, MPEG-TS...). */
    public static DecodedVideo of(Path file) throws FrameGrabber.Exception {
        return decode(new FFmpegFrameGrabber(file.toFile()));
    }

    /** Decodes MPEG-TS bytes, as a client receives them. */
    public static DecodedVideo ofTransportStream(byte[] stream) throws FrameGrabber.Exception {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(stream), 0);
        grabber.setFormat("mpegts");
        return decode(grabber);
    }

    /** How many pictures of each height, in order of height. */
    public java.util.SortedMap<Integer, Long> framesByHeight() {
        java.util.SortedMap<Integer, Long> counts = new java.util.TreeMap<>();
        heights.forEach(h -> counts.merge(h, 1L, Long::sum));
        return counts;
    }

    private static DecodedVideo decode(FFmpegFrameGrabber grabber) throws FrameGrabber.Exception {
        FFmpegLog.install();
        Logger ffmpeg = (Logger) LoggerFactory.getLogger(FFmpegLog.LOGGER);
        ListAppender<ILoggingEvent> errors = new ListAppender<>();
        errors.start();
        ffmpeg.addAppender(errors);
        try (grabber) {
            grabber.setImageMode(FrameGrabber.ImageMode.RAW);
            grabber.start();
            List<Integer> heights = new ArrayList<>();
            long first = -1;
            long last = -1;
            boolean firstIsKey = false;
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                if (first < 0) {
                    first = frame.timestamp;
                    firstIsKey = frame.keyFrame;
                }
                last = frame.timestamp;
                heights.add(frame.imageHeight);
            }
            double rate = grabber.getVideoFrameRate() > 0 ? grabber.getVideoFrameRate() : TestClips.FRAME_RATE;
            long duration = heights.isEmpty() ? 0 : Math.round((last - first) / 1000.0 + 1000 / rate);
            return new DecodedVideo(heights.size(), duration, first / 1000, List.copyOf(heights), firstIsKey,
                    errors.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        } finally {
            ffmpeg.detachAppender(errors);
            errors.stop();
        }
    }
}
