package org.parley.federation.net;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Frames waiting for one socket (a client's or a node link's). Any thread may offer; the socket is written only from its own
 * event loop, once per loop turn with everything that gathered meanwhile, so a burst of messages
 * costs one write and one flush instead of one per message. When the socket's own queue is full
 * the frames wait here; past {@code limitBytes} the reader is too slow and {@code onOverflow} runs
 * (once), so one stalled client cannot make the node hold unbounded memory.
 */
public final class OutboundQueue {

    private static final int MAX_BATCH_BYTES = 256 * 1024;

    private final Context context;
    private final NetSocket socket;
    private final long limitBytes;
    private final Runnable onOverflow;
    private final ConcurrentLinkedQueue<byte[]> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private volatile boolean closed;
    /** Confined to the socket's context. */
    private boolean waitingForDrain;

    public OutboundQueue(Context context, NetSocket socket, long limitBytes, Runnable onOverflow) {
        this.context = context;
        this.socket = socket;
        this.limitBytes = limitBytes;
        this.onOverflow = onOverflow;
        socket.drainHandler(v -> {
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

    /** Bytes waiting here because the socket could not take them yet: how far behind its reader is. */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** Writes what is queued, then {@code last}, then closes the socket. Call on the socket's context. */
    public void closeAfter(byte[] last) {
        closed = true;
        Buffer batch = Buffer.buffer();
        byte[] frame;
        while ((frame = pending.poll()) != null) {
            batch.appendBytes(frame);
        }
        finish(batch, last);
    }

    /** Drops what is queued, writes {@code last}, closes. For a reader that is not reading anyway. */
    public void abort(byte[] last) {
        closed = true;
        pending.clear();
        finish(Buffer.buffer(), last);
    }

    private void finish(Buffer batch, byte[] last) {
        queuedBytes.set(0);
        if (last != null) {
            batch.appendBytes(last);
        }
        socket.write(batch).onComplete(ignored -> socket.close());
    }

    private void flush() {
        flushScheduled.set(false);
        if (!closed && !waitingForDrain) {
            writeBatches();
        }
    }

    private void writeBatches() {
        while (!closed && !pending.isEmpty()) {
            Buffer batch = Buffer.buffer(Math.min(MAX_BATCH_BYTES, (int) Math.min(Integer.MAX_VALUE, queuedBytes.get())));
            long taken = 0;
            byte[] frame;
            while (taken < MAX_BATCH_BYTES && (frame = pending.poll()) != null) {
                batch.appendBytes(frame);
                taken += frame.length;
            }
            queuedBytes.addAndGet(-taken);
            socket.write(batch);
            if (socket.writeQueueFull()) {
                waitingForDrain = true;
                return;
            }
        }
    }
}
