package org.parley.client.voice;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Noise suppression on a speaker's side, measured where a listener hears it: a noisy speech-like
 * input goes through what a call does before the wire (noise suppression, then Opus) and is decoded.
 * The noise floor is the RMS over the stretches with no speech within 100 ms, after the first second
 * (the suppressor learns the noise). Suppression must lower it by at least 6 dB against the same path
 * with suppression off, and leave the speech itself within 6 dB.
 */
class NoiseSuppressionTest {

    private static final double SECONDS = 6;
    private static final int MARGIN = SpeechLikeSignal.RATE / 10;

    @Test
    void suppressionLowersTheNoiseFloorOfANoisyInputBySixDecibels() {
        SpeechLikeSignal noisy = SpeechLikeSignal.generate(SECONDS, 7).withNoise(700, 8);
        boolean[] quiet = quietStretches(noisy.speaking());

        short[] suppressed = throughSpeakersSide(noisy.samples(), true);
        short[] plain = throughSpeakersSide(noisy.samples(), false);

        double floorWith = EnvelopeCorrelation.rms(suppressed, quiet, true, SpeechLikeSignal.RATE);
        double floorWithout = EnvelopeCorrelation.rms(plain, quiet, true, SpeechLikeSignal.RATE);
        double lowered = 20 * Math.log10(floorWithout / floorWith);
        double speechWith = EnvelopeCorrelation.rms(suppressed, noisy.speaking(), true, SpeechLikeSignal.RATE);
        double speechWithout = EnvelopeCorrelation.rms(plain, noisy.speaking(), true, SpeechLikeSignal.RATE);
        double speechChange = 20 * Math.log10(speechWith / speechWithout);
        System.out.printf("noise floor %.0f -> %.0f (%.1f dB lower); speech %.1f dB%n", floorWithout, floorWith,
                lowered, speechChange);

        assertTrue(lowered >= 6, "noise floor lowered by only " + lowered + " dB");
        assertTrue(speechChange > -6, "the speech itself lost " + -speechChange + " dB");
    }

    /** Noise suppression (or not), Opus encoding and decoding, frame by frame, as a call does. */
    private static short[] throughSpeakersSide(short[] input, boolean suppress) {
        short[] output = new short[input.length / VoiceFormat.FRAME_SAMPLES * VoiceFormat.FRAME_SAMPLES];
        OpusEncoding encoder = new OpusEncoding();
        OpusDecoding decoder = new OpusDecoding();
        try (NoiseSuppressor suppressor = suppress ? NoiseSuppressor.open() : null) {
            short[] frame = new short[VoiceFormat.FRAME_SAMPLES];
            for (int at = 0; at + frame.length <= input.length; at += frame.length) {
                System.arraycopy(input, at, frame, 0, frame.length);
                if (suppressor != null) {
                    suppressor.process(frame);
                }
                System.arraycopy(decoder.decode(encoder.encode(frame)), 0, output, at, frame.length);
            }
        }
        return output;
    }

    /** Samples with no speech within {@link #MARGIN} either side. */
    private static boolean[] quietStretches(boolean[] speaking) {
        boolean[] quiet = new boolean[speaking.length];
        int lastSpoken = -MARGIN - 1;
        for (int i = 0; i < speaking.length; i++) {
            if (speaking[i]) {
                lastSpoken = i;
            }
            quiet[i] = i - lastSpoken > MARGIN;
        }
        int nextSpoken = Integer.MAX_VALUE;
        for (int i = speaking.length - 1; i >= 0; i--) {
            if (speaking[i]) {
                nextSpoken = i;
            }
            quiet[i] &= nextSpoken - (long) i > MARGIN;
        }
        return quiet;
    }
}
