package org.parley.node.media;

import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;

import java.nio.file.Path;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * A media file opened for reading its packets as they are stored (nothing is decoded): its best
 * video stream and, if there is one MPEG-TS can carry, its best audio stream.
 */
final class MediaInput implements AutoCloseable {

    /** Audio codecs an MPEG-TS segment carries as they are; other audio is left out of the segments. */
    static final Set<String> TS_AUDIO = Set.of("aac", "mp3", "mp2", "ac3", "eac3", "opus");

    private final AVFormatContext context;
    private final int video;
    private final int audio;

    private MediaInput(AVFormatContext context, int video, int audio) {
        this.context = context;
        this.video = video;
        this.audio = audio;
    }

    /** Opens {@code file}; fails with why when FFmpeg cannot read it or it has no video. */
    static MediaInput open(Path file) throws MediaException {
        FFmpegLog.install();
        AVFormatContext context = new AVFormatContext(null);
        // "file:" so that no part of the path is taken for another protocol.
        MediaException.check(avformat_open_input(context, "file:" + file.toAbsolutePath(), null, (AVDictionary) null),
                "not a media file FFmpeg can read");
        try {
            MediaException.check(avformat_find_stream_info(context, (AVDictionary) null),
                    "cannot find the streams in it");
            int video = av_find_best_stream(context, avutil.AVMEDIA_TYPE_VIDEO, -1, -1, (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0);
            if (video < 0) {
                throw new MediaException("it holds no video stream");
            }
            int audio = av_find_best_stream(context, avutil.AVMEDIA_TYPE_AUDIO, -1, video,
                    (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0);
            if (audio >= 0 && !TS_AUDIO.contains(codecName(context.streams(audio).codecpar()))) {
                audio = -1;
            }
            return new MediaInput(context, video, audio);
        } catch (MediaException | RuntimeException e) {
            avformat_close_input(context);
            throw e;
        }
    }

    static String codecName(AVCodecParameters parameters) {
        return avcodec.avcodec_get_name(parameters.codec_id()).getString();
    }

    AVFormatContext context() {
        return context;
    }

    AVStream videoStream() {
        return context.streams(video);
    }

    int videoIndex() {
        return video;
    }

    /** The audio stream's index, or -1 when there is none to carry. */
    int audioIndex() {
        return audio;
    }

    /** Reads the next packet into {@code packet}; false at the end of the file. */
    boolean read(AVPacket packet) throws MediaException {
        int code = av_read_frame(context, packet);
        if (code == avutil.AVERROR_EOF()) {
            return false;
        }
        MediaException.check(code, "cannot read on");
        return true;
    }

    @Override
    public void close() {
        avformat_close_input(context);
    }
}
