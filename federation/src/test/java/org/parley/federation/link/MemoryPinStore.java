package org.parley.federation.link;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;

/** Pins kept in memory only, for tests. */
public final class MemoryPinStore implements PinStore {

    private final Map<String, byte[]> saved = new HashMap<>();

    @Override
    public synchronized Future<Map<String, byte[]>> loadAll() {
        return Future.succeededFuture(Map.copyOf(saved));
    }

    @Override
    public synchronized Future<Void> save(String node, byte[] key) {
        saved.put(node, key);
        return Future.succeededFuture();
    }
}
