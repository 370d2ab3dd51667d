package org.parley.client.voice;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a listener hears, written to a WAV file (48 kHz mono 16-bit PCM) as it is played out. The
 * header's two lengths are written again every second and at the end, so a file cut short by a
 * killed process still plays up to its last second.
 */
final class WavSink implements AudioSink {

    private static final int HEADER_BYTES = 44;
    private static final int PATCH_EVERY_FRAMES = VoiceFormat.FRAMES_PER_SECOND;

    private final FileChannel file;
    private final ByteBuffer frameBytes = ByteBuffer.allocate(VoiceFormat.FRAME_SAMPLES * 2).order(ByteOrder.LITTLE_ENDIAN);
    private long dataBytes;
    private long frames;

    private WavSink(FileChannel file) {
        this.file = file;
    }

    /**
     * Creates (or replaces) {@code path}.
     *
     * @throws IllegalArgumentException if its folder does not exist
     */
    static WavSink create(Path path) throws IOException {
        Path folder = path.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("cannot write " + path + ": no such folder " + folder);
        }
        WavSink sink = new WavSink(FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING));
        sink.writeHeader();
        return sink;
    }

    @Override
    public synchronized void write(short[] frame) throws IOException {
        frameBytes.clear();
        frameBytes.asShortBuffer().put(frame, 0, VoiceFormat.FRAME_SAMPLES);
        frameBytes.limit(frame.length * 2);
        while (frameBytes.hasRemaining()) {
            file.write(frameBytes, HEADER_BYTES + dataBytes + frameBytes.position());
        }
        dataBytes += VoiceFormat.FRAME_SAMPLES * 2L;
        if (++frames % PATCH_EVERY_FRAMES == 0) {
            writeHeader();
        }
    }

    private void writeHeader() throws IOException {
        int byteRate = VoiceFormat.SAMPLE_RATE * 2;
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes))
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(16)                      // the fmt chunk's size
                .putShort((short) 1)             // PCM
                .putShort((short) 1)             // mono
                .putInt(VoiceFormat.SAMPLE_RATE)
                .putInt(byteRate)
                .putShort((short) 2)             // bytes per frame
                .putShort((short) 16)            // bits per sample
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        header.flip();
        while (header.hasRemaining()) {
            file.write(header, header.position());
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (file.isOpen()) {
            writeHeader();
            file.close();
        }
    }
}
