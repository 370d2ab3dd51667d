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

    private CallMedia(AudioSource source, AudioSink sink, NoiseSuppressor suppressor) {
        this.source = source;
        this.sink = sink;
        this.suppressor = suppressor;
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
        AudioSource source = in != null ? WavSource.open(in) : SoundDevices.microphone().orElse(null);
        AudioSink sink = null;
        NoiseSuppressor suppressor = null;
        try {
            sink = out != null ? WavSink.create(out) : SoundDevices.speaker().orElse(null);
            suppressor = source != null && noiseSuppression ? NoiseSuppressor.open() : null;
        } catch (RuntimeException | IOException e) {
            if (source != null) {
                source.close();
            }
            if (sink != null) {
                sink.close();
            }
            throw e;
        }
        if (source == null) {
            say.accept("no microphone on this machine: you listen only (give --in FILE.wav to speak)");
        }
        if (sink == null) {
            say.accept("no speaker on this machine: what you hear is only counted (give --out FILE.wav to keep it)");
        }
        return new CallMedia(source, sink == null ? AudioSink.NONE : sink, suppressor);
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
                if (suppressor != null) {
                    suppressor.close();
                }
            }
        }
    }
}
