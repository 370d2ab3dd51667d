package org.parley.client.history;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link History} as code on an event loop uses it: written and read on a worker, since the
 * file is on disk. What we send joins it once the node has accepted it; what we are shown joins it
 * as it is opened (already on a worker, through {@link #history()}).
 */
public final class Conversations {

    private static final Logger LOG = LoggerFactory.getLogger(Conversations.class);

    private final Vertx vertx;
    private final History history;

    public Conversations(Vertx vertx, History history) {
        this.vertx = vertx;
        this.history = history;
    }

    /** Message {@code id} that {@code me} wrote to {@code peer} (a user or a group) was accepted by the node. */
    public void sent(String id, String me, String peer, String text) {
        HistoryEntry entry = new HistoryEntry(id, me, peer, true, text, System.currentTimeMillis());
        vertx.executeBlocking(() -> history.append(entry), true)
                .onFailure(e -> LOG.warn("Could not add message {} to the history: {}", id, e.getMessage()));
    }

    /** The last {@code limit} messages with {@code peer}, oldest first. */
    public Future<List<HistoryEntry>> with(String peer, int limit) {
        return vertx.executeBlocking(() -> history.with(peer, limit), false);
    }

    /** The history itself, for code already on a worker. */
    public History history() {
        return history;
    }
}
