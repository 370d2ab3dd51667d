package org.parley.federation.routing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recent flood ids this node has handled, so a broadcast that reaches it along several
 * paths is delivered and passed on once. Bounded: the oldest are forgotten first, long after any
 * copy of them could still be travelling. Not thread-safe.
 */
public final class SeenIds {

    private final Map<String, Boolean> seen;

    public SeenIds(int capacity) {
        this.seen = new LinkedHashMap<>(capacity * 4 / 3 + 1) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Whether an id was offered already. */
    public boolean seen(String id) {
        return seen.containsKey(id);
    }

    /** True the first time an id is offered, false after. */
    public boolean firstTime(String id) {
        return seen.putIfAbsent(id, Boolean.TRUE) == null;
    }
}
