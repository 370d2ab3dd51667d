package org.parley.federation.link;

import io.vertx.core.Future;
import java.util.Map;

/**
 * Where pinned node keys survive restarts. Implementations do their I/O off the event loop.
 */
public interface PinStore {

    /** Every pinned key by node name. */
    Future<Map<String, byte[]>> loadAll();

    /** Records a key seen for the first time. */
    Future<Void> save(String node, byte[] key);
}
