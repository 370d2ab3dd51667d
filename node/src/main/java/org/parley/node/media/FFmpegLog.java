package org.parley.node.media;

import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what FFmpeg says to the node's log instead of stderr, errors only: its warnings (an encoder
 * choosing a profile, a muxer's defaults) say nothing an operator can act on. A file that fails to
 * read is reported by the library in its own words besides.
 */
public final class FFmpegLog extends LogCallback {

    /** The logger FFmpeg's own lines go to. */
    public static final String LOGGER = "org.parley.node.media.ffmpeg";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final FFmpegLog INSTANCE = new FFmpegLog();
    private static volatile boolean installed;

    private FFmpegLog() {
    }

    /** Installs the callback once per process; every class that calls FFmpeg calls this first. */
    public static void install() {
        if (installed) {
            return;
        }
        synchronized (FFmpegLog.class) {
            if (!installed) {
                // JavaCV's own notes (options a muxer passed on to the file layer) at the same level.
                org.bytedeco.javacv.FFmpegLogCallback.setLevel(avutil.AV_LOG_ERROR);
                avutil.av_log_set_level(avutil.AV_LOG_ERROR);
                avutil.setLogCallback(INSTANCE);
                installed = true;
            }
        }
    }

    @Override
    public void call(int level, BytePointer message) {
        if (level > avutil.AV_LOG_ERROR) {
            return;
        }
        String text = message.getString(StandardCharsets.UTF_8).strip();
        if (!text.isEmpty()) {
            LOG.error("FFmpeg: {}", text);
        }
    }
}
