package org.parley.node.mailbox;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The newest messages a shard took, by user and id, with when each was safe. An origin that resends
 * after a restart (its own, or this node's) repeats messages this node took already: a repeat is
 * neither stored nor handed to the user's sessions again, and is safe when the first is. Bounded:
 * the oldest are forgotten first, long after a resend of them could come. Not thread-safe; used on
 * the shard's context.
 */
final class RecentMessages {

    private final Map<String, Future<Integer>> safe;

    RecentMessages(int capacity) {
        this.safe = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Future<Integer>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** When the first of this message was safe, or null if it is new. */
    Future<Integer> first(String user, String id) {
        return safe.get(key(user, id));
    }

    /**
     * Remembers a message taken now; forgets it again if storing it fails, so that a resend is taken.
     * What is kept is a future of its own, completed with {@code stored}: the store's future and what
     * hangs on it (the message's body, a file piece of a megabyte) must not live as long as this map.
     */
    void took(String user, String id, Future<Integer> stored) {
        String key = key(user, id);
        Promise<Integer> marker = Promise.promise();
        safe.put(key, marker.future());
        stored.onComplete(done -> {
            if (done.succeeded()) {
                marker.complete(0);
            } else {
                safe.remove(key, marker.future());
                marker.fail(done.cause());
            }
        });
    }

    /** A message that was on disk when the node started. */
    void known(String user, String id) {
        safe.put(key(user, id), Future.succeededFuture(0));
    }

    /** The user's account is gone: a new account of that name starts afresh. */
    void forget(String user) {
        String prefix = user + '\n';
        safe.keySet().removeIf(key -> key.startsWith(prefix));
    }

    private static String key(String user, String id) {
        return user + '\n' + id;
    }
}
