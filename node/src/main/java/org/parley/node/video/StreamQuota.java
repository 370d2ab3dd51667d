package org.parley.node.video;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.node.config.MediaConfig;

/**
 * Counts the video streams this node carries against its limits (config {@code media}): per user of this
 * node who watches, and for the node as a whole (its users' streams and those it serves other
 * nodes). A stream holds a {@link Ticket} from its admission until it ends, whichever way. Used from
 * any thread.
 */
final class StreamQuota {

    private final MediaConfig limits;
    /** Guarded by {@code this}. */
    private final Map<String, Integer> perUser = new HashMap<>();
    private int total;

    StreamQuota(MediaConfig limits) {
        this.limits = limits;
    }

    /** A place in the count, given back once. */
    final class Ticket {
        private final String user;
        private final AtomicBoolean released = new AtomicBoolean();

        private Ticket(String user) {
            this.user = user;
        }

        /** Gives the place back; again is nothing. */
        void release() {
            if (released.compareAndSet(false, true)) {
                give(user);
            }
        }
    }

    /** A stream watched by {@code user} of this node, or empty when it would pass a limit. */
    synchronized Optional<Ticket> admitViewer(String user) {
        if (total >= limits.maxStreams() || perUser.getOrDefault(user, 0) >= limits.maxStreamsPerUser()) {
            return Optional.empty();
        }
        perUser.merge(user, 1, Integer::sum);
        total++;
        return Optional.of(new Ticket(user));
    }

    /** A stream this node serves another node's user, or empty when the node carries its most. */
    synchronized Optional<Ticket> admitServed() {
        if (total >= limits.maxStreams()) {
            return Optional.empty();
        }
        total++;
        return Optional.of(new Ticket(null));
    }

    /** Why {@code user} was refused, in words for them. */
    synchronized String refusal(String user) {
        return total >= limits.maxStreams()
                ? "this node streams " + limits.maxStreams() + " videos at once already, its most; try again later"
                : "you watch " + limits.maxStreamsPerUser() + " videos at once already, the most this node allows;"
                + " stop one first";
    }

    private synchronized void give(String user) {
        total--;
        if (user != null) {
            perUser.computeIfPresent(user, (name, count) -> count <= 1 ? null : count - 1);
        }
    }

    MediaConfig limits() {
        return limits;
    }
}
