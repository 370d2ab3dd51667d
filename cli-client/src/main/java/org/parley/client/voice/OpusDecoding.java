package org.parley.client.voice;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;

/**
 * One speaker's Opus decoder: a frame that came, a lost frame rebuilt from the forward error
 * correction in the frame after it, or a lost frame concealed (Opus's packet loss concealment
 * continues the voice for a moment and fades it). Its state follows one speaker's stream, so each
 * speaker has their own. One thread at a time.
 */
final class OpusDecoding {

    private final OpusDecoder decoder;

    OpusDecoding() {
        try {
            decoder = new OpusDecoder(VoiceFormat.SAMPLE_RATE, 1);
        } catch (OpusException e) {
            throw new IllegalStateException("cannot make an Opus decoder: " + e.getMessage(), e);
        }
    }

    /** The frame {@code packet} holds; concealed if it is damaged. */
    short[] decode(byte[] packet) {
        return run(packet, false);
    }

    /** The frame before {@code next}, which was lost, from the FEC that {@code next} carries. */
    short[] recover(byte[] next) {
        return run(next, true);
    }

    /** A lost frame, concealed. */
    short[] conceal() {
        return run(null, false);
    }

    private short[] run(byte[] packet, boolean fec) {
        short[] frame = new short[VoiceFormat.FRAME_SAMPLES];
        try {
            decoder.decode(packet, 0, packet == null ? 0 : packet.length, frame, 0, VoiceFormat.FRAME_SAMPLES, fec);
        } catch (OpusException | RuntimeException e) {
            if (packet != null) {
                return conceal(); // a frame that opened but does not decode: from a broken encoder
            }
            return new short[VoiceFormat.FRAME_SAMPLES];
        }
        return frame;
    }
}
