package org.parley.federation.link;

import io.vertx.core.Context;
import org.parley.transport.CloseCause;
import org.parley.transport.OutboundQueue;
import org.parley.transport.PullLane;
import org.parley.transport.Transport;

/**
 * What a link writes, by priority, as HTTP/2, QUIC and SSH schedule their channels: control and chat
 * frames are queued and always go first, in the order they came; bulk frames are pulled one at a time
 * from the bulk streams that may send, round-robin, and only while no control or chat frame waits and
 * the socket's write queue has room. So a chat frame waits behind at most about one bulk frame, one
 * stream cannot starve the others, and bulk data, never queued here, never counts against the queue's
 * limit: a stream holds its own bytes until its credit lets them go. The streams are the queue's
 * {@link PullLane}.
 *
 * <p>{@link #offer} may be called from any thread; {@link #ready} and {@link #closeAfter} on the
 * link's context, where the writing happens.
 */
public final class LinkScheduler {

    private final OutboundQueue queue;
    /** Streams that may send, in turn. Link's context only. */
    private final PullLane bulk = new PullLane();

    /**
     * @param maxQueuedBytes control and chat bytes that may wait for a peer that stopped reading
     * @param onOverflow     runs once when they would pass that
     */
    public LinkScheduler(Context context, Transport transport, long maxQueuedBytes, Runnable onOverflow) {
        this.queue = new OutboundQueue(context, transport, maxQueuedBytes, onOverflow, bulk::next);
    }

    /** Queues a control or chat frame; false if the link is closing or its peer fell too far behind. */
    public boolean offer(byte[] frame) {
        return queue.offer(frame);
    }

    /** {@code source} may send: it takes its turn once nothing more urgent waits. */
    public void ready(BulkSource source) {
        if (bulk.ready(source)) {
            queue.idleFramesReady();
        }
    }

    /** Control and chat bytes waiting because the socket could not take them yet. */
    public long queuedBytes() {
        return queue.queuedBytes();
    }

    /** Writes the control and chat frames queued, then {@code last}, then closes; no more bulk frames. */
    public void closeAfter(byte[] last, CloseCause cause) {
        bulk.close();
        queue.closeAfter(last, cause);
    }
}
