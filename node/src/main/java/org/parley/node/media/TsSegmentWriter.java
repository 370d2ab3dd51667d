package org.parley.node.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avformat;

/**
 * One MPEG-TS segment being written: a muxer of its own, so that the segment opens with its own
 * program tables and, through the H.264/HEVC to Annex B filter the muxer inserts, with the
 * parameter sets before its first keyframe; it therefore decodes alone. Its streams are flagged as
 * discontinuous at the start, so a demuxer reading segments back to back expects the counters to
 * begin again.
 */
final class TsSegmentWriter implements AutoCloseable {

    private final AVFormatContext context;
    private final List<AVRational> inputTimeBases;
    private boolean open;

    /** Opens {@code file} for the streams {@code copied} of an input, in that order. */
    TsSegmentWriter(Path file, List<AVStream> copied) throws MediaException {
        context = new AVFormatContext(null);
        MediaException.check(avformat_alloc_output_context2(context, null, "mpegts", file.toString()),
                "cannot make an MPEG-TS muxer");
        inputTimeBases = copied.stream().map(AVStream::time_base).toList();
        AVDictionary options = new AVDictionary(null);
        try {
            for (AVStream in : copied) {
                AVStream out = avformat_new_stream(context, null);
                MediaException.check(avcodec_parameters_copy(out.codecpar(), in.codecpar()), "cannot copy a stream");
                out.codecpar().codec_tag(0);
                out.time_base(in.time_base());
            }
            AVIOContext io = new AVIOContext(null);
            MediaException.check(avio_open(io, "file:" + file.toAbsolutePath(), avformat.AVIO_FLAG_WRITE),
                    "cannot write " + file);
            context.pb(io);
            open = true;
            av_dict_set(options, "mpegts_flags", "+initial_discontinuity", 0);
            MediaException.check(avformat_write_header(context, options), "cannot begin an MPEG-TS segment");
        } catch (MediaException | RuntimeException e) {
            close();
            throw e;
        } finally {
            av_dict_free(options);
        }
    }

    /** Writes {@code packet} (timestamps in its input stream's time base) to output stream {@code stream}. */
    void write(AVPacket packet, int stream) throws MediaException {
        packet.stream_index(stream);
        packet.pos(-1);
        av_packet_rescale_ts(packet, inputTimeBases.get(stream), context.streams(stream).time_base());
        MediaException.check(av_interleaved_write_frame(context, packet), "cannot write a packet");
    }

    /** Flushes what the muxer holds and closes the file. */
    void finish() throws MediaException {
        try {
            MediaException.check(av_write_trailer(context), "cannot end an MPEG-TS segment");
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (open) {
            avio_closep(context.pb());
            open = false;
        }
        if (!context.isNull()) {
            avformat_free_context(context);
            context.setNull();
        }
    }
}
