package org.parley.node.media;

import java.util.List;

/**
 * What a rendition file holds, as read from its packets without decoding them. Times are in the
 * video stream's ticks ({@code tickNum/tickDen} seconds each) and count from {@code originTicks},
 * the first keyframe: what comes before it cannot be decoded, so the video begins there.
 *
 * @param codec      the video codec, as FFmpeg names it ({@code h264})
 * @param frameRate  frames per second, as the container declares it
 * @param frames     video frames from the first keyframe on
 * @param keyframes  the keyframes' presentation times, in ticks, in order
 * @param endTicks   where the last frame ends, in ticks
 * @param bytes      bytes of the packets a segment carries (video, and audio if any) from the origin on
 * @param audioCodec the audio carried along, or null when there is none MPEG-TS can carry
 */
public record Probe(String codec, int width, int height, double frameRate, long frames, int tickNum, int tickDen,
                    long originTicks, List<Long> keyframes, long endTicks, long bytes, String audioCodec) {

    public Probe {
        keyframes = List.copyOf(keyframes);
    }

    /** Milliseconds from the video's start to {@code ticks}. */
    public long millis(long ticks) {
        return Math.floorDiv((ticks - originTicks) * 1000L * tickNum, tickDen);
    }

    public long durationMillis() {
        return millis(endTicks);
    }

    /** Bits per second a stream of it costs, over its whole length. */
    public long bitrate() {
        long millis = durationMillis();
        return millis <= 0 ? 0 : bytes * 8L * 1000L / millis;
    }

    /** How long one frame shows, in milliseconds (at least 1). */
    public long frameMillis() {
        return frameRate > 0 ? Math.max(1, Math.round(1000 / frameRate)) : 40;
    }
}
