package org.parley.client.e2ee;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.message.ServerMessage;

/**
 * Group messages that arrived before their sender's key for the group: a member hands its key to
 * each other member in a direct message, which may come after the first messages sealed under it.
 * Each waits here, by sender, group and key id, until that key arrives or {@code maxWaitMillis}
 * pass; then it is given up on (left unacknowledged, the node offers it again at the next login).
 */
final class KeyWaitingRoom {

    private final Vertx vertx;
    private final long maxWaitMillis;
    private final Map<String, List<Frame<ServerMessage>>> waiting = new HashMap<>();

    KeyWaitingRoom(Vertx vertx, long maxWaitMillis) {
        this.vertx = vertx;
        this.maxWaitMillis = maxWaitMillis;
    }

    /** Names the key that {@code from}'s messages in {@code group} sealed under {@code keyIdHex} wait for. */
    static String key(String from, String group, String keyIdHex) {
        return from + " " + group + " " + keyIdHex;
    }

    /** The key some message of {@code from} in {@code group} waits for, if any does. */
    synchronized String waitingFrom(String from, String group) {
        String prefix = key(from, group, "");
        return waiting.keySet().stream().filter(k -> k.startsWith(prefix)).findFirst().orElse(null);
    }

    /** Holds {@code frame} until {@code key} arrives; if it does not in time, {@code gaveUp} hears of it. */
    synchronized void hold(String key, Frame<ServerMessage> frame, Consumer<Frame<ServerMessage>> gaveUp) {
        waiting.computeIfAbsent(key, k -> new ArrayList<>()).add(frame);
        vertx.setTimer(maxWaitMillis, t -> {
            synchronized (this) {
                List<Frame<ServerMessage>> held = waiting.get(key);
                if (held == null || !held.remove(frame)) {
                    return;
                }
                if (held.isEmpty()) {
                    waiting.remove(key);
                }
            }
            gaveUp.accept(frame);
        });
    }

    /** {@code key} arrived: what waited for it, in the order it came. */
    synchronized List<Frame<ServerMessage>> release(String key) {
        List<Frame<ServerMessage>> held = waiting.remove(key);
        return held == null ? List.of() : held;
    }
}
