package org.parley.client.voice;

/** 16-bit little-endian PCM to samples and back, as WAV files, the sound API and WebRTC carry it. */
final class Samples {

    private Samples() {
    }

    static void toBytes(short[] samples, int from, int count, byte[] out) {
        for (int i = 0; i < count; i++) {
            short sample = samples[from + i];
            out[2 * i] = (byte) sample;
            out[2 * i + 1] = (byte) (sample >> 8);
        }
    }

    static void fromBytes(byte[] bytes, int count, short[] out, int to) {
        for (int i = 0; i < count; i++) {
            out[to + i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
        }
    }
}
