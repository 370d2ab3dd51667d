package org.parley.client.voice;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * A file read as a microphone speaks: each 20 ms frame is handed over when its 20 ms have passed
 * since the first read, not before, and the source counts as a device (no length, no read-ahead).
 * For trying and measuring the live path, whose latency a file read ahead hides.
 */
final class PacedSource implements AudioSource {

    private static final long FRAME_NANOS = VoiceFormat.FRAME_MILLIS * 1_000_000L;

    private final AudioSource file;
    private long start = -1;
    private long index;

    PacedSource(AudioSource file) {
        this.file = file;
    }

    @Override
    public boolean read(short[] frame) throws IOException {
        if (start < 0) {
            start = System.nanoTime();
        }
        long due = start + ++index * FRAME_NANOS;
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return file.read(frame);
    }

    @Override
    public long frames() {
        return -1;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
