package org.parley.protocol.message;

import java.util.List;

/**
 * The answer to {@link VideosRequest} {@code id}: every video the asking node knows of, its own and
 * those other nodes advertise, sorted by address.
 */
public record VideoList(String id, List<VideoSummary> videos) implements ServerMessage {

    public VideoList {
        videos = List.copyOf(videos);
    }

    /**
     * One video of a node's library.
     *
     * @param video      its address, {@code name@node}
     * @param segments   how many keyframe-aligned segments each rendition is cut into
     * @param mixed      whether its renditions share their keyframes, so that the mixed mode can take
     *                   segments from each in turn
     * @param renditions its resolutions, lowest first
     */
    public record VideoSummary(String video, long durationMillis, int segments, boolean mixed,
                               List<RenditionSummary> renditions) {

        public VideoSummary {
            renditions = List.copyOf(renditions);
        }
    }

    /**
     * One resolution of a video, as the library probed it.
     *
     * @param resolution its name, the picture height and {@code p} ({@code 480p})
     * @param codec      the video codec, as FFmpeg names it ({@code h264})
     * @param bytes      the size of its MPEG-TS segments together
     * @param bitrate    bits per second over the whole rendition
     */
    public record RenditionSummary(String resolution, int width, int height, String codec, long bytes,
                                   long bitrate) {
    }
}
