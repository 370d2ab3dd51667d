package org.parley.client.voice;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;
import java.util.Arrays;

/**
 * A speaker's Opus encoder (Concentus, pure Java, interoperable with libopus): 20 ms frames tuned for
 * speech, with in-band forward error correction, so that a listener who lost a frame rebuilds it from
 * the next one. The loss hint tells the encoder how much redundancy to spend. One thread at a time.
 */
final class OpusEncoding {

    /** Wideband speech with room for the FEC copy. */
    static final int BITRATE = 32_000;
    /** The loss the encoder prepares FEC for, in percent: what a busy Wi-Fi or a long path loses. */
    static final int EXPECTED_LOSS_PERCENT = 10;
    /**
     * A low effort (of 0 to 10): Concentus at 10 took 12 to 40 ms a frame on a busy two-core machine,
     * more than a frame lasts; at 2, 3 to 11 ms, at a small cost in quality for speech.
     */
    private static final int COMPLEXITY = 2;
    /** Opus's own limit for one packet. */
    private static final int MAX_PACKET = 1275;

    private final OpusEncoder encoder;
    private final byte[] packet = new byte[MAX_PACKET];

    OpusEncoding() {
        try {
            encoder = new OpusEncoder(VoiceFormat.SAMPLE_RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        } catch (OpusException e) {
            throw new IllegalStateException("cannot make an Opus encoder: " + e.getMessage(), e);
        }
        encoder.setBitrate(BITRATE);
        encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
        encoder.setUseInbandFEC(true);
        encoder.setPacketLossPercent(EXPECTED_LOSS_PERCENT);
        encoder.setComplexity(COMPLEXITY);
    }

    /** One 20 ms frame of PCM, as an Opus packet. */
    byte[] encode(short[] frame) {
        try {
            int length = encoder.encode(frame, 0, VoiceFormat.FRAME_SAMPLES, packet, 0, packet.length);
            return Arrays.copyOf(packet, length);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus could not encode a frame: " + e.getMessage(), e);
        }
    }
}
