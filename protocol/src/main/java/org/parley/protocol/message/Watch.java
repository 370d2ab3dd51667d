package org.parley.protocol.message;

/**
 * Starts streaming video {@code video} ({@code name@node}) to this client, as MPEG-TS in
 * {@link VideoData} frames carrying the same {@code id}; {@link Watching} says it began,
 * {@link VideoEnd} that it ended, an {@link ErrorFrame} with {@code ref} {@code id} that it could not.
 *
 * @param resolution   the rendition to stream ({@code 480p}); absent for the highest
 * @param mixed        true for the mixed mode: segment i from rendition i mod k; then no resolution
 * @param startMillis  begin at the segment holding this position (it starts at a keyframe at or
 *                     before it); absent for the beginning
 * @param fromSegment  begin at this segment (a client resuming after an interruption); wins over
 *                     {@code startMillis}
 */
public record Watch(String id, String video, String resolution, Boolean mixed, Long startMillis,
                    Integer fromSegment) implements ClientMessage {

    /** Whether the mixed mode was asked for. */
    public boolean mixedMode() {
        return Boolean.TRUE.equals(mixed);
    }
}
