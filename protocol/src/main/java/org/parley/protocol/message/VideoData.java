package org.parley.protocol.message;

/**
 * A piece of stream {@code id}: the body holds MPEG-TS bytes of {@code segment}, starting at
 * {@code offset} within it. The pieces of a segment come in order and end with {@code last}; the
 * segments come in order too, so a client that writes the bodies one after another writes a stream
 * that plays.
 *
 * @param resolution the rendition this segment was cut from
 * @param startMillis where the segment begins in the video
 */
public record VideoData(String id, int segment, String resolution, long startMillis, long offset, boolean last)
        implements ServerMessage {
}
