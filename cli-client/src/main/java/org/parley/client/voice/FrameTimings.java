package org.parley.client.voice;

import java.io.IOException;

/**
 * When each frame passed each step of a call's pipeline, by {@link System#nanoTime()}, for measuring
 * capture-to-playback latency. On Linux the JVM's nano time is the machine's monotonic clock, one
 * clock for every process on it, so a speaker's times and a listener's compare when both run on one
 * machine (as {@code parley-bench voice-latency} runs them). {@link #NONE} keeps nothing.
 */
public interface FrameTimings {

    /**
     * Frame {@code seq} of ours, captured at {@code captured} (its 20 ms had been read from the
     * source), was sealed and about to be handed to the socket at {@code sent}.
     */
    void sent(long seq, long captured, long sent);

    /** Frame {@code seq} of speaker {@code ssrc} reached our socket. */
    void arrived(int ssrc, long seq, long nanos);

    /**
     * Frame {@code seq} of speaker {@code ssrc} left the jitter buffer at {@code turn} (its turn to
     * play) and, decoded and mixed, was written to the sink by {@code written}.
     */
    void played(int ssrc, long seq, long turn, long written);

    /** Writes out what was kept; after the call's last tick. */
    void close() throws IOException;

    FrameTimings NONE = new FrameTimings() {
        @Override
        public void sent(long seq, long captured, long sent) {
        }

        @Override
        public void arrived(int ssrc, long seq, long nanos) {
        }

        @Override
        public void played(int ssrc, long seq, long turn, long written) {
        }

        @Override
        public void close() {
        }
    };
}
