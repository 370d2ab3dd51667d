package org.parley.client.voice;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;

/** The one audio format of voice: 48 kHz, mono, 16-bit signed PCM, in frames of 20 ms. */
final class VoiceFormat {

    static final int SAMPLE_RATE = 48_000;
    static final int FRAME_MILLIS = 20;
    static final int FRAME_SAMPLES = SAMPLE_RATE * FRAME_MILLIS / 1000;
    static final int FRAMES_PER_SECOND = 1000 / FRAME_MILLIS;
    /** As the sound API and WAV files carry it: little-endian. */
    static final AudioFormat PCM = new AudioFormat(SAMPLE_RATE, 16, 1, true, false);

    private VoiceFormat() {
    }

    static String describe(AudioFormat format) {
        return (format.getSampleRate() == AudioSystem.NOT_SPECIFIED ? "?" : (int) format.getSampleRate())
                + " Hz, " + (format.getChannels() == 1 ? "mono" : format.getChannels() + " channels") + ", "
                + (format.getSampleSizeInBits() > 0 ? format.getSampleSizeInBits() + "-bit " : "") + format.getEncoding();
    }
}
