package org.parley.node.media.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
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
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_arrays;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.parley.node.media.MediaException.check;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.parley.node.media.MediaException;

/**
 * One rendition being encoded: pictures scaled to its size, encoded to H.264 by OpenH264 and written
 * to an MP4 file whose index comes first. Every {@code gopFrames}-th picture is made a keyframe by
 * asking for it: OpenH264 also starts a keyframe of its own where it sees a change of scene, and
 * those fall in different places in different renditions, so its own count of pictures between
 * keyframes cannot be what lines the renditions up. The library cuts segments only at keyframes at
 * least a segment's length apart, so the extra ones never become cuts.
 */
final class H264Writer implements AutoCloseable {

    private final AVFormatContext muxer = new AVFormatContext(null);
    private final AVCodecContext encoder;
    private final AVFrame picture;
    private final AVPacket packet;
    private final PointerPointer<BytePointer> sourcePlanes = new PointerPointer<>(4);
    private final IntPointer sourceLines = new IntPointer(4);
    private final int sourceWidth;
    private final int sourceHeight;
    private final int gopFrames;
    private AVStream stream;
    private SwsContext scaler;
    private boolean fileOpen;
    private long pictures;

    /**
     * @param rate      pictures per second, as a fraction
     * @param gopFrames pictures from one keyframe to the next
     */
    H264Writer(LadderEncoder.Rung rung, int sourceWidth, int sourceHeight, AVRational rate, int gopFrames)
            throws MediaException {
        this.sourceWidth = sourceWidth;
        this.sourceHeight = sourceHeight;
        this.gopFrames = gopFrames;
        AVCodec codec = avcodec_find_encoder_by_name("libopenh264");
        if (codec == null || codec.isNull()) {
            throw new MediaException("this FFmpeg build has no OpenH264 encoder");
        }
        encoder = avcodec_alloc_context3(codec);
        packet = av_packet_alloc();
        picture = av_frame_alloc();
        AVDictionary options = new AVDictionary(null);
        try {
            check(avformat_alloc_output_context2(muxer, null, "mp4", rung.output().toString()), "cannot make an MP4 muxer");
            encoder.width(rung.width());
            encoder.height(rung.height());
            encoder.pix_fmt(avutil.AV_PIX_FMT_YUV420P);
            encoder.framerate(rate);
            encoder.time_base(avutil.av_inv_q(rate));
            encoder.gop_size(gopFrames);
            encoder.max_b_frames(0);
            encoder.bit_rate(rung.bitrate());
            // The whole range of quantisers, so the rate control can keep to the bitrate on hard
            // pictures too (FFmpeg's default ceiling, 31, lets them overshoot it).
            encoder.qmin(1);
            encoder.qmax(51);
            if ((muxer.oformat().flags() & avformat.AVFMT_GLOBALHEADER) != 0) {
                encoder.flags(encoder.flags() | avcodec.AV_CODEC_FLAG_GLOBAL_HEADER);
            }
            av_dict_set(options, "rc_mode", "bitrate", 0);
            check(avcodec_open2(encoder, codec, options), "cannot open the H.264 encoder at " + rung.width() + "x"
                    + rung.height());
            stream = avformat_new_stream(muxer, null);
            check(avcodec_parameters_from_context(stream.codecpar(), encoder), "cannot describe the video stream");
            stream.time_base(encoder.time_base());
            stream.avg_frame_rate(rate);
            picture.format(avutil.AV_PIX_FMT_YUV420P);
            picture.width(rung.width());
            picture.height(rung.height());
            check(av_frame_get_buffer(picture, 0), "cannot make a picture buffer");
            scaler = sws_getContext(sourceWidth, sourceHeight, avutil.AV_PIX_FMT_YUV420P, rung.width(), rung.height(),
                    avutil.AV_PIX_FMT_YUV420P, swscale.SWS_BICUBIC, null, null, (DoublePointer) null);
            if (scaler == null || scaler.isNull()) {
                throw new MediaException("cannot scale " + sourceWidth + "x" + sourceHeight + " to " + rung.width()
                        + "x" + rung.height());
            }
            AVIOContext io = new AVIOContext(null);
            check(avio_open(io, "file:" + rung.output().toAbsolutePath(), avformat.AVIO_FLAG_WRITE),
                    "cannot write " + rung.output());
            muxer.pb(io);
            fileOpen = true;
            av_dict_free(options);
            // The index first, so that a player (or a pipe) can start before the end of the file.
            av_dict_set(options, "movflags", "+faststart", 0);
            check(avformat_write_header(muxer, options), "cannot begin " + rung.output());
        } catch (MediaException | RuntimeException e) {
            close();
            throw e;
        } finally {
            av_dict_free(options);
        }
    }

    /**
     * Encodes the next picture: YUV 4:2:0 planes one after another in {@code planes}, rows of
     * {@code stride} bytes.
     */
    void write(ByteBuffer planes, int stride) throws MediaException {
        av_image_fill_arrays(sourcePlanes, sourceLines, new BytePointer(planes), avutil.AV_PIX_FMT_YUV420P, stride,
                sourceHeight, 1);
        check(av_frame_make_writable(picture), "cannot reuse the picture buffer");
        sws_scale(scaler, sourcePlanes, sourceLines, 0, sourceHeight, picture.data(), picture.linesize());
        picture.pts(pictures);
        picture.pict_type(pictures % gopFrames == 0 ? avutil.AV_PICTURE_TYPE_I : avutil.AV_PICTURE_TYPE_NONE);
        pictures++;
        check(avcodec_send_frame(encoder, picture), "cannot encode a picture");
        drain();
    }

    /** Flushes the encoder, writes the index and closes the file. */
    void finish() throws MediaException {
        check(avcodec_send_frame(encoder, null), "cannot flush the encoder");
        drain();
        check(av_write_trailer(muxer), "cannot end the file");
        close();
    }

    private void drain() throws MediaException {
        while (true) {
            int code = avcodec_receive_packet(encoder, packet);
            if (code == avutil.AVERROR_EAGAIN() || code == avutil.AVERROR_EOF()) {
                return;
            }
            check(code, "cannot encode");
            packet.stream_index(stream.index());
            av_packet_rescale_ts(packet, encoder.time_base(), stream.time_base());
            check(av_interleaved_write_frame(muxer, packet), "cannot write a picture");
        }
    }

    @Override
    public void close() {
        if (fileOpen) {
            avio_closep(muxer.pb());
            fileOpen = false;
        }
        if (!muxer.isNull()) {
            avformat_free_context(muxer);
            muxer.setNull();
        }
        if (scaler != null) {
            sws_freeContext(scaler);
            scaler = null;
        }
        avcodec_free_context(encoder);
        av_frame_free(picture);
        av_packet_free(packet);
        sourcePlanes.close();
        sourceLines.close();
    }
}
