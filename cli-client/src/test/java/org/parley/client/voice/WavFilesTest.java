package org.parley.client.voice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFilesTest {

    @TempDir
    Path dir;

    @Test
    void whatIsWrittenReadsBackSampleForSample() throws Exception {
        short[] first = new short[VoiceFormat.FRAME_SAMPLES];
        short[] second = new short[VoiceFormat.FRAME_SAMPLES];
        for (int i = 0; i < first.length; i++) {
            first[i] = (short) (i * 7);
            second[i] = (short) -i;
        }
        Path file = dir.resolve("out.wav");
        try (WavSink sink = WavSink.create(file)) {
            sink.write(first);
            sink.write(second);
        }

        try (WavSource source = WavSource.open(file)) {
            assertEquals(2, source.frames());
            short[] frame = new short[VoiceFormat.FRAME_SAMPLES];
            assertTrue(source.read(frame));
            assertArrayEquals(first, frame);
            assertTrue(source.read(frame));
            assertArrayEquals(second, frame);
            assertEquals(false, source.read(frame));
        }
    }

    @Test
    void anotherRateIsResampledTo48Kilohertz() throws Exception {
        Path file = dir.resolve("16k.wav");
        SpeechLikeSignal.writeWav(new short[16_000], 16_000, file);

        try (WavSource source = WavSource.open(file)) {
            assertEquals(VoiceFormat.FRAMES_PER_SECOND, source.frames());
            int frames = 0;
            while (source.read(new short[VoiceFormat.FRAME_SAMPLES])) {
                frames++;
            }
            assertEquals(VoiceFormat.FRAMES_PER_SECOND, frames, 1);
        }
    }

    @Test
    void aMissingFileOrOneThatIsNoWavIsRefusedInWords() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.wav"), "not audio at all");

        assertEquals("no such file: " + dir.resolve("none.wav"),
                assertThrows(IllegalArgumentException.class, () -> WavSource.open(dir.resolve("none.wav"))).getMessage());
        assertEquals(text + " is not a WAV file",
                assertThrows(IllegalArgumentException.class, () -> WavSource.open(text)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> WavSink.create(dir.resolve("no/such/folder/out.wav")));
    }
}
