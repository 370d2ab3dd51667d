package org.parley.client.voice;

import java.io.IOException;

/** Where what a listener hears goes: a WAV file or a speaker, one 20 ms frame of {@link VoiceFormat} at a time. */
interface AudioSink extends AutoCloseable {

    void write(short[] frame) throws IOException;

    @Override
    void close() throws IOException;

    /** Hears nothing: a listener with neither --out nor a speaker still takes part, and counts what came. */
    AudioSink NONE = new AudioSink() {
        @Override
        public void write(short[] frame) {
        }

        @Override
        public void close() {
        }
    };
}
