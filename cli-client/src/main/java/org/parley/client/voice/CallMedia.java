package org.parley.client.voice;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What a call speaks and where what it hears goes, made ready before joining, so that a missing or
 * unreadable file is said before anything goes to the node: {@code --in} (a WAV file) or the
 * microphone, {@code --out} (a WAV file) or the speaker, and noise suppression unless turned off.
 * Without either, the call listens only or hears nothing, and says so.
 */
public final class CallMedia implements AutoCloseable {

    private final AudioSource source;
    private final AudioSink sink;
    private final NoiseSuppressor suppressor;
    private final FrameTimings timings;

    private CallMedia(AudioSource source, AudioSink sink, NoiseSuppressor suppressor, FrameTimings timings) {
        this.source = source;
        this.sink = sink;
        this.suppressor = suppressor;
        this.timings = timings;
    }

    /**
     * @param in               a WAV file to speak, or null for the microphone
     * @param out              a WAV file to write what is heard into, or null for the speaker
     * @param noiseSuppression whether to suppress noise before encoding
     * @param say              where to say what is missing
     * @throws IllegalArgumentException if a file does not exist, is not a WAV file, or cannot be written
     */
    public static CallMedia prepare(Path in, Path out, boolean noiseSuppression, Consumer<String> say)
            throws IOException {
        return prepare(in, out, noiseSuppression, false, null, say);
    }

    /**
     * As {@link #prepare(Path, Path, boolean, Consumer)}, and:
     *
     * @param liveInput read {@code in} as a microphone speaks, a frame each 20 ms, each sent as it is
     *                  encoded, instead of encoding the file ahead
     * @param timings   a file to write each frame's times into at the end (see {@link FrameTimingsFile}), or null
     */
    public static CallMedia prepare(Path in, Path out, boolean noiseSuppression, boolean liveInput, Path timings,
                                    Consumer<String> say) throws IOException {
        AudioSource source = in != null ? WavSource.open(in) : SoundDevices.microphone().orElse(null);
        if (source != null && liveInput && source.frames() >= 0) {
            source = new PacedSource(source);
        }
        AudioSink sink = null;
        NoiseSuppressor suppressor = null;
        FrameTimings kept = FrameTimings.NONE;
        try {
            sink = out != null ? WavSink.create(out) : SoundDevices.speaker().orElse(null);
            suppressor = source != null && noiseSuppression ? NoiseSuppressor.open() : null;
            kept = timings == null ? FrameTimings.NONE : FrameTimingsFile.create(timings);
        } catch (RuntimeException | IOException e) {
            if (source != null) {
                source.close();
            }
            if (sink != null) {
                sink.close();
            }
            if (suppressor != null) {
                suppressor.close();
            }
            throw e;
        }
        if (source == null) {
            say.accept("no microphone on this machine: you listen only (give --in FILE.wav to speak)");
        }
        if (sink == null) {
            say.accept("no speaker on this machine: what you hear is only counted (give --out FILE.wav to keep it)");
        }
        return new CallMedia(source, sink == null ? AudioSink.NONE : sink, suppressor, kept);
    }

    /** How long the input lasts, in seconds; -1 for a microphone or no input, which have no end. */
    public double inputSeconds() {
        return source == null || source.frames() < 0 ? -1 : source.frames() / (double) VoiceFormat.FRAMES_PER_SECOND;
    }

    /** The speaker's half of the pipeline, or null without input. */
    Capture capture() {
        return source == null ? null : new Capture(source, suppressor);
    }

    AudioSink sink() {
        return sink;
    }

    FrameTimings timings() {
        return timings;
    }

    /** Closes the files or devices and lets the noise suppressor's native memory go; after the capture stopped. */
    @Override
    public void close() throws IOException {
        try {
            if (source != null) {
                source.close();
            }
        } finally {
            try {
                sink.close();
            } finally {
                try {
                    if (suppressor != null) {
                        suppressor.close();
                    }
                } finally {
                    timings.close();
                }
            }
        }
    }
}
