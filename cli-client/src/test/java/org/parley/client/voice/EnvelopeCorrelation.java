package org.parley.client.voice;

/**
 * The metric the voice tests state: how well what a listener heard follows what the speaker said,
 * whatever the delay between them. Both signals become envelopes (the RMS of each 10 ms window);
 * the heard envelope is searched for the delay at which it best matches the spoken one (every delay
 * from 0 to the length of the recording, in 10 ms steps); the result is the Pearson correlation of
 * the two envelopes at that delay, over the length of what was spoken. 1 is the same envelope;
 * speech against an unrelated signal or silence scores near 0.
 *
 * @param correlation the Pearson correlation at the best delay
 * @param delayMillis the delay at which the heard signal matches best
 */
public record EnvelopeCorrelation(double correlation, long delayMillis) {

    private static final int WINDOW = SpeechLikeSignal.RATE / 100;

    public static EnvelopeCorrelation of(short[] spoken, short[] heard) {
        double[] said = envelope(spoken);
        double[] got = envelope(heard);
        double best = -1;
        int bestLag = 0;
        for (int lag = 0; lag + said.length <= got.length; lag++) {
            double r = pearson(said, got, lag);
            if (r > best) {
                best = r;
                bestLag = lag;
            }
        }
        return new EnvelopeCorrelation(best, bestLag * 10L);
    }

    static double[] envelope(short[] samples) {
        double[] envelope = new double[samples.length / WINDOW];
        for (int w = 0; w < envelope.length; w++) {
            double sum = 0;
            for (int i = w * WINDOW; i < (w + 1) * WINDOW; i++) {
                sum += (double) samples[i] * samples[i];
            }
            envelope[w] = Math.sqrt(sum / WINDOW);
        }
        return envelope;
    }

    private static double pearson(double[] a, double[] b, int offset) {
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.length; i++) {
            meanA += a[i];
            meanB += b[offset + i];
        }
        meanA /= a.length;
        meanB /= a.length;
        double cov = 0;
        double varA = 0;
        double varB = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - meanA;
            double db = b[offset + i] - meanB;
            cov += da * db;
            varA += da * da;
            varB += db * db;
        }
        return varA == 0 || varB == 0 ? 0 : cov / Math.sqrt(varA * varB);
    }

    /** The RMS of {@code samples} over the stretches {@code mask} marks with {@code which}, skipping the first {@code skip} samples. */
    public static double rms(short[] samples, boolean[] mask, boolean which, int skip) {
        double sum = 0;
        long count = 0;
        for (int i = skip; i < Math.min(samples.length, mask.length); i++) {
            if (mask[i] == which) {
                sum += (double) samples[i] * samples[i];
                count++;
            }
        }
        return Math.sqrt(sum / count);
    }
}
