package org.parley.client.voice;

import java.io.IOException;

/** Where a speaker's audio comes from: a WAV file or a microphone, in 20 ms frames of {@link VoiceFormat}. */
interface AudioSource extends AutoCloseable {

    /**
     * Fills {@code frame} ({@link VoiceFormat#FRAME_SAMPLES} samples) with the next 20 ms, the last
     * one padded with silence; blocks while a device has none yet.
     *
     * @return false at the end (nothing was read)
     */
    boolean read(short[] frame) throws IOException;

    /** How many frames it holds, or -1 for a device, which has no end. */
    long frames();

    @Override
    void close() throws IOException;
}
