package org.parley.client.voice;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * A WAV file as a speaker's voice, through {@code javax.sound.sampled}, which reads WAV files without
 * a sound device. Another rate or more channels are converted (the JDK resamples and mixes down);
 * what it cannot convert is refused with what to do.
 */
final class WavSource implements AudioSource {

    private final AudioInputStream in;
    private final long frames;
    private final byte[] bytes = new byte[VoiceFormat.FRAME_SAMPLES * 2];
    private boolean ended;

    private WavSource(AudioInputStream in, long frames) {
        this.in = in;
        this.frames = frames;
    }

    /**
     * Opens {@code file}.
     *
     * @throws IllegalArgumentException if it does not exist, is not a WAV file, or holds audio that
     *                                  cannot be made 48 kHz mono
     */
    static WavSource open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        AudioInputStream original;
        try {
            if (AudioSystem.getAudioFileFormat(file.toFile()).getType() != AudioFileFormat.Type.WAVE) {
                throw new IllegalArgumentException(file + " is not a WAV file");
            }
            original = AudioSystem.getAudioInputStream(file.toFile());
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException(file + " is not a WAV file");
        }
        AudioFormat format = original.getFormat();
        long frames = original.getFrameLength() <= 0 ? 0
                : (long) Math.ceil(original.getFrameLength() / format.getFrameRate() * VoiceFormat.FRAMES_PER_SECOND);
        if (format.matches(VoiceFormat.PCM)) {
            return new WavSource(original, frames);
        }
        try {
            return new WavSource(AudioSystem.getAudioInputStream(VoiceFormat.PCM, original), frames);
        } catch (IllegalArgumentException e) {
            original.close();
            throw new IllegalArgumentException(file + " holds " + VoiceFormat.describe(format) + ", which cannot be"
                    + " converted to 48 kHz mono 16-bit; convert it first, e.g. sox IN -r 48000 -c 1 -b 16 OUT.wav");
        }
    }

    @Override
    public boolean read(short[] frame) throws IOException {
        if (ended) {
            return false;
        }
        int got = readFully(in, bytes);
        if (got < bytes.length) {
            ended = true;
            if (got < 2) {
                return false;
            }
            Arrays.fill(bytes, got, bytes.length, (byte) 0);
        }
        Samples.fromBytes(bytes, VoiceFormat.FRAME_SAMPLES, frame, 0);
        return true;
    }

    private static int readFully(InputStream in, byte[] into) throws IOException {
        int got = 0;
        while (got < into.length) {
            int n = in.read(into, got, into.length - got);
            if (n < 0) {
                break;
            }
            got += n;
        }
        return got - got % 2;
    }

    @Override
    public long frames() {
        return frames;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
