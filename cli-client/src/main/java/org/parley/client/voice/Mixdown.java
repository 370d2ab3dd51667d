package org.parley.client.voice;

import java.util.List;

/** Several speakers at one tick, mixed into one frame: summed, and clipped rather than wrapped. */
final class Mixdown {

    private Mixdown() {
    }

    static short[] mix(List<short[]> frames) {
        short[] mixed = new short[VoiceFormat.FRAME_SAMPLES];
        if (frames.size() == 1) {
            return frames.get(0);
        }
        for (int i = 0; i < mixed.length; i++) {
            int sum = 0;
            for (short[] frame : frames) {
                sum += frame[i];
            }
            mixed[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum));
        }
        return mixed;
    }
}
