package org.parley.client.voice;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A speaker's side of the pipeline, on a thread of its own: frames from the source, noise suppressed
 * (unless turned off), encoded with Opus, and queued for the call's clock to seal and send one per
 * 20 ms. A file is read and encoded up to two seconds ahead, and sending starts once a second is
 * ready: Concentus is pure Java, and until the JIT has compiled it, on a busy machine, a frame took
 * longer than 20 ms to encode, so paced sending from the first frame went out in bursts. (Encoding
 * the whole file ahead took the CPU from the clocks instead.) A microphone is read as it speaks, and
 * each of its frames is announced as soon as it is encoded, so that it leaves then rather than at the
 * clock's next tick, up to 20 ms later.
 */
final class Capture implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Capture.class);
    private static final int FILE_AHEAD_FRAMES = 2 * VoiceFormat.FRAMES_PER_SECOND;
    private static final int DEVICE_AHEAD_FRAMES = VoiceFormat.FRAMES_PER_SECOND / 2;
    /** What a file must have ready before the first frame leaves. */
    private static final int FILE_LEAD_FRAMES = VoiceFormat.FRAMES_PER_SECOND;

    private final AudioSource source;
    private final NoiseSuppressor suppressor;
    private final OpusEncoding encoder = new OpusEncoding();
    private final BlockingQueue<Encoded> encoded;
    private final int lead;
    private final Thread thread;
    private volatile boolean ended;
    private volatile Throwable failure;
    private volatile Runnable encodedOne = () -> { };

    /** A frame ready to send: its Opus packet, and when its 20 ms had been read from the source. */
    record Encoded(long captured, byte[] opus) {
    }

    /** @param suppressor null: no noise suppression */
    Capture(AudioSource source, NoiseSuppressor suppressor) {
        this.source = source;
        this.suppressor = suppressor;
        boolean file = source.frames() >= 0;
        this.encoded = new ArrayBlockingQueue<>(file ? FILE_AHEAD_FRAMES : DEVICE_AHEAD_FRAMES);
        this.lead = file ? FILE_LEAD_FRAMES : 0;
        this.thread = new Thread(this::run, "parley-voice-capture");
        thread.setDaemon(true);
    }

    /** Runs {@code then}, on the capture thread, after each frame of a live source is encoded; before {@link #start}. */
    void onEncoded(Runnable then) {
        this.encodedOne = then;
    }

    void start() {
        thread.start();
    }

    /** Whether frames come as they are spoken (a microphone, a paced file) rather than from a file read ahead. */
    boolean live() {
        return lead == 0;
    }

    /** Whether sending may begin: the lead is ready, or the whole input is. */
    boolean ready() {
        return ended || encoded.size() >= lead;
    }

    /** The next encoded frame, or null if none is ready. */
    Encoded poll() {
        return encoded.poll();
    }

    /** The source has ended and every frame was taken. */
    boolean done() {
        return ended && encoded.isEmpty();
    }

    /** Why the source stopped early, if it did. */
    Throwable failure() {
        return failure;
    }

    private void run() {
        short[] frame = new short[VoiceFormat.FRAME_SAMPLES];
        try {
            while (!Thread.currentThread().isInterrupted() && source.read(frame)) {
                long captured = System.nanoTime();
                if (suppressor != null) {
                    suppressor.process(frame);
                }
                encoded.put(new Encoded(captured, encoder.encode(frame)));
                if (lead == 0) {
                    encodedOne.run();
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (Exception | LinkageError e) {
            failure = e;
            LOG.warn("Voice input stopped: {}", e.toString());
        } finally {
            ended = true;
        }
    }

    /** Stops reading and waits for the thread (the source and the suppressor are the {@link CallMedia}'s to close). */
    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(2_000);
    }
}
