package org.parley.node.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.BiFunction;

/** {@code admin reload} and {@code admin drain}: applying the config again, and stopping gracefully. */
public final class LifecycleAdmin {

    /** How long a drain waits for the outboxes unless the operator says otherwise. */
    public static final long DEFAULT_DRAIN_MILLIS = 10_000;

    private final Vertx vertx;
    private final String nodeName;
    private final ConfigReload reload;
    private final BiFunction<String, Long, Future<Void>> drain;

    /** @param drain drains and stops the node, for an operator, waiting at most so many milliseconds */
    public LifecycleAdmin(Vertx vertx, String nodeName, ConfigReload reload,
                          BiFunction<String, Long, Future<Void>> drain) {
        this.vertx = vertx;
        this.nodeName = nodeName;
        this.reload = reload;
        this.drain = drain;
    }

    public void addTo(Map<String, AdminAction> actions) {
        actions.put("reload", this::reload);
        actions.put("drain", this::drain);
    }

    private Future<AdminAnswer> reload(AdminRequest request) {
        return reload.reload(request.operator()).map(changes -> new AdminAnswer(changes.isEmpty()
                ? "config reloaded; nothing a running node applies changed"
                : "config reloaded:\n  " + String.join("\n  ", changes), new JsonObject().put("changes",
                new JsonArray(changes))));
    }

    /** Answers at once, then drains: the answer must leave before the node stops listening. */
    private Future<AdminAnswer> drain(AdminRequest request) {
        long bound = request.args().getLong("timeoutMillis", DEFAULT_DRAIN_MILLIS);
        if (bound < 0) {
            return Future.failedFuture(new AdminRefusal("the drain's timeout cannot be negative"));
        }
        vertx.runOnContext(v -> drain.apply(request.operator(), bound));
        return Future.succeededFuture(new AdminAnswer(nodeName + " is draining: no new logins or links, clients"
                + " are told goodbye, outboxes get up to " + bound + " ms, then it stops",
                new JsonObject().put("draining", true).put("timeoutMillis", bound)));
    }
}
