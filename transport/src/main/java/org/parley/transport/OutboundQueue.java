package org.parley.transport;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Frames waiting for one connection (a client's or a node link's). Any thread may offer; the
 * transport is written only from its own event loop, once per loop turn with everything that
 * gathered meanwhile, so a burst of messages costs one write and one flush instead of one per
 * message. When the transport's own queue is full the frames wait here; past {@code limitBytes}
 * the reader is too slow and {@code onOverflow} runs (once), so one stalled client cannot make the
 * node hold unbounded memory.
 */
public final class OutboundQueue {

    private static final int MAX_BATCH_BYTES = 256 * 1024;

    private final Context context;
    private final Transport transport;
    private final long limitBytes;
    private final Runnable onOverflow;
    private final ConcurrentLinkedQueue<byte[]> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private volatile boolean closed;
    /** Confined to the transport's context. */
    private boolean waitingForDrain;

    /** @param context the transport's own context, where every write happens */
    public OutboundQueue(Context context, Transport transport, long limitBytes, Runnable onOverflow) {
        this.context = context;
        this.transport = transport;
        this.limitBytes = limitBytes;
        this.onOverflow = onOverflow;
        transport.drainHandler(v -> {
            waitingForDrain = false;
            writeBatches();
        });
    }

    /** Queues a frame; false if the queue is closed or the reader has fallen too far behind. */
    public boolean offer(byte[] frame) {
        if (closed) {
            return false;
        }
        if (queuedBytes.addAndGet(frame.length) > limitBytes) {
            queuedBytes.addAndGet(-frame.length);
            if (overflowed.compareAndSet(false, true)) {
                onOverflow.run();
            }
            return false;
        }
        pending.add(frame);
        if (flushScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> flush());
        }
        return true;
    }

    /** Bytes waiting here because the transport could not take them yet: how far behind its reader is. */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /**
     * Writes what is queued, then {@code last} (if not null), then closes the transport with
     * {@code cause}. Call on the transport's context.
     */
    public void closeAfter(byte[] last, CloseCause cause) {
        closed = true;
        List<byte[]> batch = new ArrayList<>();
        byte[] frame;
        while ((frame = pending.poll()) != null) {
            batch.add(frame);
        }
        finish(batch, last, cause);
    }

    /** Drops what is queued, writes {@code last}, closes. For a reader that is not reading anyway. */
    public void abort(byte[] last, CloseCause cause) {
        closed = true;
        pending.clear();
        finish(new ArrayList<>(), last, cause);
    }

    private void finish(List<byte[]> batch, byte[] last, CloseCause cause) {
        queuedBytes.set(0);
        if (last != null) {
            batch.add(last);
        }
        transport.write(batch).onComplete(ignored -> transport.close(cause));
    }

    private void flush() {
        flushScheduled.set(false);
        if (!closed && !waitingForDrain) {
            writeBatches();
        }
    }

    private void writeBatches() {
        while (!closed && !pending.isEmpty()) {
            List<byte[]> batch = new ArrayList<>();
            long taken = 0;
            byte[] frame;
            while (taken < MAX_BATCH_BYTES && (frame = pending.poll()) != null) {
                batch.add(frame);
                taken += frame.length;
            }
            queuedBytes.addAndGet(-taken);
            transport.write(batch);
            if (transport.writeQueueFull()) {
                waitingForDrain = true;
                return;
            }
        }
    }
}
