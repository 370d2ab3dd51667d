package org.parley.node.metrics;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Whether the node can serve: each part says when it is up, and the node says when it starts to
 * stop. Ready while every part is up and the node is not stopping. Safe from any thread.
 */
public final class Readiness {

    /** What must be up before the node takes users, in the order it starts them. */
    public enum Part {
        STORE("the store is not open"),
        NETWORK("the node has not joined the network (its S2S port is not bound)"),
        LISTENERS("the client and web listeners are not bound");

        private final String notReady;

        Part(String notReady) {
            this.notReady = notReady;
        }
    }

    private final Set<Part> up = EnumSet.noneOf(Part.class);
    private boolean stopping;

    public synchronized void up(Part part) {
        up.add(part);
    }

    public synchronized void down(Part part) {
        up.remove(part);
    }

    /** The node stops: not ready from now on, whatever its parts say. */
    public synchronized void stopping() {
        stopping = true;
    }

    /** What keeps the node from being ready, in words for an operator; empty when it is ready. */
    public synchronized List<String> notReady() {
        List<String> why = new ArrayList<>();
        if (stopping) {
            why.add("the node is stopping");
        }
        for (Part part : Part.values()) {
            if (!up.contains(part)) {
                why.add(part.notReady);
            }
        }
        return why;
    }
}
