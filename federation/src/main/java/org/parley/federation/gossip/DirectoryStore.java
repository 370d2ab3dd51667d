package org.parley.federation.gossip;

import io.vertx.core.Future;
import java.util.List;
import org.parley.federation.wire.SignedEntry;

/**
 * Where the directory of other nodes survives a restart, so a node that starts while a peer is down
 * still knows that peer, routes to it and queues messages for its users. Entries are kept as their
 * origins signed them. This node's own entries are not kept: it issues them afresh at every start.
 * Implementations do their I/O off the event loop.
 */
public interface DirectoryStore {

    /** One change to what is kept. */
    sealed interface Write {
        /** Keep {@code signed}, the newest entry of {@code key} of {@code origin}, at {@code version}. */
        record Put(String origin, String key, long version, SignedEntry signed) implements Write {
        }

        /** Forget {@code key} of {@code origin} (its origin, or the whole origin, was forgotten). */
        record Remove(String origin, String key) implements Write {
        }
    }

    /** Every entry kept, as signed. */
    Future<List<SignedEntry>> loadAll();

    /** Applies {@code batch} in one transaction; resolves once it is on disk. */
    Future<Void> write(List<Write> batch);
}
