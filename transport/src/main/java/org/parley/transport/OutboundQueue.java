package org.parley.transport;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Frames waiting for one connection (a client's or a node link's). Any thread may offer; the
 * transport is written only from its own event loop, once per loop turn with everything that
 * gathered meanwhile, so a burst of messages costs one write and one flush instead of one per
 * message. When the transport's own queue is full the frames wait here; past {@code limitBytes}
 * the reader is too slow and {@code onOverflow} runs (once), so one stalled client cannot make the
 * node hold unbounded memory.
 *
 * <p>A queue may have a second, lower lane ({@code whenIdle}): frames it is asked for one at a time,
 * only when nothing waits here and the transport's own queue has room, so that what waits here never
 * stands behind more than one of them. A node link's bulk streams are that lane: they are pulled, not
 * queued, so they never count against {@code limitBytes}.
 */
public final class OutboundQueue {

    private static final int MAX_BATCH_BYTES = 256 * 1024;

    private final Context context;
    private final Transport transport;
    private final long limitBytes;
    private final Runnable onOverflow;
    private final Supplier<byte[]> whenIdle;
    private final ConcurrentLinkedQueue<byte[]> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private volatile boolean closed;
    /** Confined to the transport's context. */
    private boolean waitingForDrain;

    /** @param context the transport's own context, where every write happens */
    public OutboundQueue(Context context, Transport transport, long limitBytes, Runnable onOverflow) {
        this(context, transport, limitBytes, onOverflow, () -> null);
    }

    /**
     * @param context  the transport's own context, where every write happens
     * @param whenIdle the lower lane: the next frame it may write now, or null for none; asked on the
     *                 transport's context, only when nothing waits in the queue and the transport has room
     */
    public OutboundQueue(Context context, Transport transport, long limitBytes, Runnable onOverflow,
                         Supplier<byte[]> whenIdle) {
        this.context = context;
        this.transport = transport;
        this.limitBytes = limitBytes;
        this.onOverflow = onOverflow;
        this.whenIdle = whenIdle;
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
        scheduleFlush();
        return true;
    }

    /** The lower lane has a frame to write: asks for it at the next flush. */
    public void idleFramesReady() {
        if (!closed) {
            scheduleFlush();
        }
    }

    private void scheduleFlush() {
        if (flushScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> flush());
        }
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

    /** Writes what waits here, and then the lower lane's frames, until the transport is full. */
    private void writeBatches() {
        while (!closed) {
            List<byte[]> batch = new ArrayList<>();
            long taken = 0;
            byte[] frame;
            while (taken < MAX_BATCH_BYTES && (frame = pending.poll()) != null) {
                batch.add(frame);
                taken += frame.length;
            }
            if (batch.isEmpty()) {
                byte[] idle = whenIdle.get();
                if (idle == null) {
                    return;
                }
                batch.add(idle);
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
