package org.parley.federation.bulk;

import java.util.concurrent.atomic.LongAdder;

/**
 * What this node's bulk streams carried since it started, on every link: streams opened each way and
 * the bytes of their items each way. Counted where the frames are written and read; read from any
 * thread (an operator's metrics).
 */
public final class BulkTotals {

    private final LongAdder openedHere = new LongAdder();
    private final LongAdder openedThere = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();

    void openedHere() {
        openedHere.increment();
    }

    void openedThere() {
        openedThere.increment();
    }

    void sent(int bytes) {
        bytesSent.add(bytes);
    }

    void received(int bytes) {
        bytesReceived.add(bytes);
    }

    /** Streams this node opened to its peers. */
    public long streamsOpenedHere() {
        return openedHere.sum();
    }

    /** Streams peers opened to this node and it took. */
    public long streamsOpenedThere() {
        return openedThere.sum();
    }

    /** Bytes of items (headers and bodies) sent on streams this node opened. */
    public long bytesSent() {
        return bytesSent.sum();
    }

    /** Bytes of items received on streams peers opened. */
    public long bytesReceived() {
        return bytesReceived.sum();
    }
}
