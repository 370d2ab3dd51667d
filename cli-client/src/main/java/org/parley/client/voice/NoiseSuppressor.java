package org.parley.client.voice;

import dev.onvoid.webrtc.media.audio.AudioProcessing;
import dev.onvoid.webrtc.media.audio.AudioProcessingConfig;
import dev.onvoid.webrtc.media.audio.AudioProcessingStreamConfig;

/**
 * WebRTC's noise suppression (webrtc-java's {@code AudioProcessing}, the one browsers run), applied
 * to a speaker's frames before they are encoded. It takes 10 ms at a time, so a 20 ms frame goes in
 * two halves. Holds native memory: close it. One thread at a time.
 */
final class NoiseSuppressor implements AutoCloseable {

    private static final int HALF = VoiceFormat.FRAME_SAMPLES / 2;

    private final AudioProcessing processing;
    private final AudioProcessingStreamConfig stream = new AudioProcessingStreamConfig(VoiceFormat.SAMPLE_RATE, 1);
    private final byte[] in = new byte[HALF * 2];
    private final byte[] out = new byte[HALF * 2];
    private boolean closed;

    private NoiseSuppressor(AudioProcessing processing) {
        this.processing = processing;
    }

    /**
     * @throws IllegalStateException if WebRTC's native library does not load on this machine
     */
    static NoiseSuppressor open() {
        AudioProcessing processing;
        try {
            processing = new AudioProcessing();
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new IllegalStateException("noise suppression is not available on this machine (WebRTC's native"
                    + " library did not load: " + e.getMessage() + "); add --no-noise-suppression");
        }
        AudioProcessingConfig config = new AudioProcessingConfig();
        config.noiseSuppression.enabled = true;
        config.noiseSuppression.level = AudioProcessingConfig.NoiseSuppression.Level.HIGH;
        config.highPassFilter.enabled = true;
        processing.applyConfig(config);
        return new NoiseSuppressor(processing);
    }

    /** Suppresses the noise of {@code frame}, in place. */
    void process(short[] frame) {
        for (int half = 0; half < 2; half++) {
            Samples.toBytes(frame, half * HALF, HALF, in);
            int error = processing.processStream(in, stream, stream, out);
            if (error != 0) {
                throw new IllegalStateException("WebRTC's audio processing failed with error " + error);
            }
            Samples.fromBytes(out, HALF, frame, half * HALF);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            processing.dispose();
        }
    }
}
