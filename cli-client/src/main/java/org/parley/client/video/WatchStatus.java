package org.parley.client.video;

/**
 * How far a watch has come, for a progress line.
 *
 * @param variant        the rendition streamed ({@code 480p}), or {@code mixed}
 * @param positionMillis how much of the video is written whole: up to here
 * @param fromMillis     where it began
 * @param bytes          MPEG-TS bytes written whole
 * @param elapsedNanos   how long it has been going
 * @param complete       every segment to the end is written
 */
public record WatchStatus(String video, String variant, long durationMillis, long positionMillis, long fromMillis,
                          long bytes, long elapsedNanos, boolean complete) {

    /** How many seconds of video came per second: above 1, faster than it plays. */
    public double realTime() {
        return (positionMillis - fromMillis) / 1000.0 / seconds();
    }

    public double bytesPerSecond() {
        return bytes / seconds();
    }

    private double seconds() {
        return Math.max(1e-3, elapsedNanos / 1e9);
    }
}
