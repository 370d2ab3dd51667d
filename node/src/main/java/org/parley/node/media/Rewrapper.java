package org.parley.node.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Copies a rendition's packets, unchanged, into MPEG-TS segments cut at the given keyframes: no
 * decoding, no encoding, so a rendition costs one read and one write of its bytes.
 */
public final class Rewrapper {

    /** Video codecs MPEG-TS carries and this node can cut (Annex B, parameter sets in band). */
    public static final Set<String> TS_VIDEO = Set.of("h264", "hevc");

    /**
     * Where the first keyframe lands in the segments, in seconds: a little after zero, so that the
     * frames and audio just before it (decoding times under B-frames) stay positive in every segment.
     */
    private static final int ORIGIN_SECONDS = 1;

    private Rewrapper() {
    }

    /**
     * Writes {@code source} into {@code folder} as {@code 00000.ts}, {@code 00001.ts}..., one per cut
     * of {@code cuts} (keyframe times of {@code probe}, in ticks), and returns each one's size.
     */
    public static List<Long> rewrap(Path source, Probe probe, List<Long> cuts, Path folder) throws MediaException {
        if (!TS_VIDEO.contains(probe.codec())) {
            throw new MediaException("its video is " + probe.codec() + ", which this node does not cut into MPEG-TS"
                    + " segments (it takes " + TS_VIDEO + "); make H.264 renditions of it with"
                    + " `parley-node media import`");
        }
        List<Long> sizes = new ArrayList<>();
        try (MediaInput input = MediaInput.open(source)) {
            AVStream video = input.videoStream();
            List<AVStream> copied = new ArrayList<>(List.of(video));
            int audioOut = -1;
            long audioShift = 0;
            long videoShift = av_rescale_q(ORIGIN_SECONDS, avutil.av_make_q(1, 1), video.time_base()) - probe.originTicks();
            if (input.audioIndex() >= 0) {
                AVStream audio = input.context().streams(input.audioIndex());
                copied.add(audio);
                audioOut = 1;
                audioShift = av_rescale_q(videoShift, video.time_base(), audio.time_base());
            }
            AVPacket packet = av_packet_alloc();
            TsSegmentWriter writer = null;
            int next = 0;
            try {
                while (input.read(packet)) {
                    try {
                        int stream = packet.stream_index();
                        if (stream == input.videoIndex()) {
                            boolean key = (packet.flags() & avcodec.AV_PKT_FLAG_KEY) != 0;
                            if (key && next < cuts.size() && MediaProbe.presentation(packet) == cuts.get(next)) {
                                if (writer != null) {
                                    writer.finish();
                                    sizes.add(Files.size(segment(folder, next - 1)));
                                }
                                writer = new TsSegmentWriter(segment(folder, next), copied);
                                next++;
                            }
                            if (writer != null) {
                                shift(packet, videoShift);
                                writer.write(packet, 0);
                            }
                        } else if (stream == input.audioIndex() && writer != null) {
                            shift(packet, audioShift);
                            writer.write(packet, audioOut);
                        }
                    } finally {
                        av_packet_unref(packet);
                    }
                }
                if (writer != null) {
                    writer.finish();
                    sizes.add(Files.size(segment(folder, next - 1)));
                    writer = null;
                }
            } catch (IOException e) {
                throw new MediaException("cannot read back a segment written to " + folder + ": " + e.getMessage(), e);
            } finally {
                if (writer != null) {
                    writer.close();
                }
                av_packet_free(packet);
            }
        }
        if (sizes.size() != cuts.size()) {
            throw new MediaException("it changed while it was being cut (" + sizes.size() + " segments instead of "
                    + cuts.size() + ")");
        }
        return sizes;
    }

    /** The file of segment {@code index} in {@code folder}. */
    public static Path segment(Path folder, int index) {
        return folder.resolve(String.format("%05d.ts", index));
    }

    private static void shift(AVPacket packet, long by) {
        if (packet.pts() != avutil.AV_NOPTS_VALUE) {
            packet.pts(packet.pts() + by);
        }
        if (packet.dts() != avutil.AV_NOPTS_VALUE) {
            packet.dts(packet.dts() + by);
        }
    }
}
