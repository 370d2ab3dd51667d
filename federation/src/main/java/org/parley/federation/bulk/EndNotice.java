package org.parley.federation.bulk;

import io.vertx.core.Context;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a stream tells its upper layer, once, that it ended: whether the handler was set before the
 * end or after it. The end happens on the link's context; the handler may be set from any thread and
 * runs on that context.
 */
final class EndNotice {

    private static final Logger LOG = LoggerFactory.getLogger(EndNotice.class);

    private final Context context;
    private volatile Consumer<BulkEnd> handler;
    /** Context only. */
    private BulkEnd end;
    private boolean told;

    EndNotice(Context context) {
        this.context = context;
    }

    void handler(Consumer<BulkEnd> handler) {
        this.handler = handler;
        context.runOnContext(v -> tell());
    }

    /** The stream ended; on the context. */
    void ended(BulkEnd end) {
        this.end = end;
        tell();
    }

    boolean hasEnded() {
        return end != null;
    }

    private void tell() {
        Consumer<BulkEnd> to = handler;
        if (end != null && to != null && !told) {
            told = true;
            try {
                to.accept(end);
            } catch (RuntimeException e) {
                LOG.error("A bulk stream's end handler failed on {}", end, e);
            }
        }
    }
}
