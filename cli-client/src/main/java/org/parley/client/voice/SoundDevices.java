package org.parley.client.voice;

import java.util.Optional;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * The machine's microphone and speaker through {@code javax.sound.sampled}, where it has them: the
 * default when no WAV file is given. A machine without a sound device (a server, CI) has neither,
 * and voice then takes WAV files only.
 */
final class SoundDevices {

    /** What the line buffers: enough for a scheduling hiccup, little enough not to add delay. */
    private static final int LINE_BUFFER_BYTES = VoiceFormat.FRAME_SAMPLES * 2 * 4;

    private SoundDevices() {
    }

    static Optional<AudioSource> microphone() {
        return line(TargetDataLine.class, line -> line.open(VoiceFormat.PCM, LINE_BUFFER_BYTES)).map(Microphone::new);
    }

    static Optional<AudioSink> speaker() {
        return line(SourceDataLine.class, line -> line.open(VoiceFormat.PCM, LINE_BUFFER_BYTES)).map(Speaker::new);
    }

    /** Opens a line to the device. */
    private interface Opening<L> {
        void open(L line) throws LineUnavailableException;
    }

    /** The default device's line of {@code kind} in voice's format, opened and started; empty if there is none. */
    private static <L extends DataLine> Optional<L> line(Class<L> kind, Opening<L> opening) {
        DataLine.Info info = new DataLine.Info(kind, VoiceFormat.PCM);
        if (!AudioSystem.isLineSupported(info)) {
            return Optional.empty();
        }
        try {
            L line = kind.cast(AudioSystem.getLine(info));
            opening.open(line);
            line.start();
            return Optional.of(line);
        } catch (LineUnavailableException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static final class Microphone implements AudioSource {
        private final TargetDataLine line;
        private final byte[] bytes = new byte[VoiceFormat.FRAME_SAMPLES * 2];

        Microphone(TargetDataLine line) {
            this.line = line;
        }

        @Override
        public boolean read(short[] frame) {
            int got = 0;
            while (got < bytes.length && line.isOpen()) {
                got += line.read(bytes, got, bytes.length - got);
            }
            if (got < bytes.length) {
                return false;
            }
            Samples.fromBytes(bytes, VoiceFormat.FRAME_SAMPLES, frame, 0);
            return true;
        }

        @Override
        public long frames() {
            return -1;
        }

        @Override
        public void close() {
            line.close();
        }
    }

    private static final class Speaker implements AudioSink {
        private final SourceDataLine line;
        private final byte[] bytes = new byte[VoiceFormat.FRAME_SAMPLES * 2];

        Speaker(SourceDataLine line) {
            this.line = line;
        }

        @Override
        public void write(short[] frame) {
            Samples.toBytes(frame, 0, VoiceFormat.FRAME_SAMPLES, bytes);
            // Never waits: a frame the line has no room for is dropped rather than holding the call's clock.
            if (line.available() >= bytes.length) {
                line.write(bytes, 0, bytes.length);
            }
        }

        @Override
        public void close() {
            line.drain();
            line.close();
        }
    }
}
