package org.parley.node.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Reads a rendition file's packets once, without decoding, for what the library needs to know of
 * it: codec, picture size, frame rate, length, bitrate and where its keyframes are.
 */
public final class MediaProbe {

    private MediaProbe() {
    }

    /** Probes {@code file}; fails with why when it is not a video that can be cut at keyframes. */
    public static Probe probe(Path file) throws MediaException {
        try (MediaInput input = MediaInput.open(file)) {
            AVStream stream = input.videoStream();
            AVCodecParameters parameters = stream.codecpar();
            AVRational tick = stream.time_base();
            List<Long> keyframes = new ArrayList<>();
            long frames = 0;
            long end = Long.MIN_VALUE;
            long bytes = 0;
            AVPacket packet = av_packet_alloc();
            try {
                while (input.read(packet)) {
                    try {
                        if (packet.stream_index() == input.videoIndex()) {
                            long at = presentation(packet);
                            boolean key = (packet.flags() & avcodec.AV_PKT_FLAG_KEY) != 0;
                            if (key && at != avutil.AV_NOPTS_VALUE) {
                                keyframes.add(at);
                            }
                            if (!keyframes.isEmpty()) {
                                frames++;
                                bytes += packet.size();
                                if (at != avutil.AV_NOPTS_VALUE) {
                                    end = Math.max(end, at + Math.max(packet.duration(), 0));
                                }
                            }
                        } else if (packet.stream_index() == input.audioIndex() && !keyframes.isEmpty()) {
                            bytes += packet.size();
                        }
                    } finally {
                        av_packet_unref(packet);
                    }
                }
            } finally {
                av_packet_free(packet);
            }
            if (keyframes.isEmpty()) {
                throw new MediaException("its video has no keyframe to start from");
            }
            keyframes.sort(null);
            AVRational rate = stream.avg_frame_rate().num() > 0 ? stream.avg_frame_rate() : stream.r_frame_rate();
            double frameRate = rate.den() > 0 ? (double) rate.num() / rate.den() : 0;
            String audio = input.audioIndex() < 0 ? null
                    : MediaInput.codecName(input.context().streams(input.audioIndex()).codecpar());
            return new Probe(MediaInput.codecName(parameters), parameters.width(), parameters.height(), frameRate,
                    frames, tick.num(), tick.den(), keyframes.get(0), keyframes, end, bytes, audio);
        }
    }

    /** A packet's presentation time, or its decoding time where the container gives no other. */
    static long presentation(AVPacket packet) {
        return packet.pts() != avutil.AV_NOPTS_VALUE ? packet.pts() : packet.dts();
    }
}
