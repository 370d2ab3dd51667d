package org.parley.client.voice;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * A speech-like test signal at 48 kHz, the same for a seed: syllables of 120 to 280 ms (a voiced
 * tone with a gliding pitch of 100 to 220 Hz and its harmonics up to 4 kHz, shaped by two formants
 * that move from syllable to syllable, rising and falling in loudness) separated by short gaps, and
 * phrases separated by pauses of 400 to 700 ms. It has what matters to the pipeline here: an
 * envelope that comes and goes as speech does, energy where Opus's speech mode spends its bits,
 * and stretches known to be silent, where a noise floor can be measured.
 *
 * @param samples  the signal
 * @param speaking for each sample, whether it lies in a syllable
 */
public record SpeechLikeSignal(short[] samples, boolean[] speaking) {

    public static final int RATE = 48_000;

    public static SpeechLikeSignal generate(double seconds, long seed) {
        Random random = new Random(seed);
        int length = (int) (seconds * RATE);
        short[] samples = new short[length];
        boolean[] speaking = new boolean[length];
        int at = RATE / 5; // a breath before the first word
        double phase = 0;
        while (at < length) {
            int syllables = 2 + random.nextInt(4);
            for (int s = 0; s < syllables && at < length; s++) {
                int syllable = (int) ((0.12 + 0.16 * random.nextDouble()) * RATE);
                double f0Start = 100 + 120 * random.nextDouble();
                double f0End = 100 + 120 * random.nextDouble();
                double formant1 = 300 + 600 * random.nextDouble();
                double formant2 = 900 + 1600 * random.nextDouble();
                double loudness = 5000 + 4000 * random.nextDouble();
                for (int i = 0; i < syllable && at + i < length; i++) {
                    double progress = i / (double) syllable;
                    double f0 = f0Start + (f0End - f0Start) * progress;
                    phase += 2 * Math.PI * f0 / RATE;
                    double value = 0;
                    for (int k = 1; k * f0 < 4000; k++) {
                        double frequency = k * f0;
                        value += Math.sin(k * phase) * (resonance(frequency, formant1) + 0.6 * resonance(frequency, formant2))
                                / Math.sqrt(k);
                    }
                    double envelope = Math.sin(Math.PI * progress);
                    samples[at + i] = clip(loudness * envelope * value * 0.35);
                    speaking[at + i] = true;
                }
                at += syllable + (int) ((0.05 + 0.12 * random.nextDouble()) * RATE);
            }
            at += (int) ((0.4 + 0.3 * random.nextDouble()) * RATE);
        }
        return new SpeechLikeSignal(samples, speaking);
    }

    private static double resonance(double frequency, double formant) {
        double distance = (frequency - formant) / 150.0;
        return 1 / (1 + distance * distance);
    }

    /** The same signal with white noise of standard deviation {@code sigma} over all of it. */
    public SpeechLikeSignal withNoise(double sigma, long seed) {
        Random random = new Random(seed);
        short[] noisy = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            noisy[i] = clip(samples[i] + random.nextGaussian() * sigma);
        }
        return new SpeechLikeSignal(noisy, speaking);
    }

    /** Writes it as a 16-bit mono WAV file at 48 kHz, through the JDK's own writer. */
    public void write(Path file) throws IOException {
        writeWav(samples, RATE, file);
    }

    public static void writeWav(short[] samples, float rate, Path file) throws IOException {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            bytes[2 * i] = (byte) samples[i];
            bytes[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(bytes), format, samples.length),
                AudioFileFormat.Type.WAVE, file.toFile());
    }

    /** A WAV file's samples, as 16-bit mono (the format the client writes). */
    public static short[] readWav(Path file) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat format = in.getFormat();
            if (format.getChannels() != 1 || format.getSampleSizeInBits() != 16 || format.isBigEndian()) {
                throw new AssertionError("not 16-bit little-endian mono: " + format);
            }
            byte[] bytes = in.readAllBytes();
            short[] samples = new short[bytes.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
            }
            return samples;
        }
    }

    private static short clip(double value) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
    }
}
