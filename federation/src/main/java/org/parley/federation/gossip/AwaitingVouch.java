package org.parley.federation.gossip;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The origins whose gossip this node refused because no believed node vouched for them yet, so that
 * it can ask for their entries again once a vouch arrives. The sender of a refused delta cannot tell
 * it from one still being checked and would not offer it again for a while; a digest that lists the
 * origin at {@link #OFFER_AGAIN} tells it to. Bounded: a hostile peer may invent any number of origins.
 * Runs on the federation context.
 */
final class AwaitingVouch {

    /**
     * The version a digest gives for an origin whose entries the sender should offer again from the
     * start: below every real version, so even a node that does not know this meaning sends them all.
     */
    static final long OFFER_AGAIN = -1;

    private static final int MAX_WAITING = 1024;
    /** Long enough for a few digest rounds; after that the origin waits for the next vouch. */
    private static final long ASK_FOR_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Set<String> waiting = new LinkedHashSet<>();
    private final Map<String, Long> asking = new HashMap<>();

    /** A delta of {@code origin} was refused for want of a vouch. */
    void refused(String origin) {
        asking.remove(origin);
        waiting.remove(origin);
        waiting.add(origin);
        if (waiting.size() > MAX_WAITING) {
            Iterator<String> oldest = waiting.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Entries of {@code origin} were believed and applied. */
    void believed(String origin) {
        waiting.remove(origin);
        asking.remove(origin);
    }

    /** Vouches arrived for {@code names} at {@code nowNanos}; true if any of them was waiting (ask for it now). */
    boolean vouched(Collection<String> names, long nowNanos) {
        boolean any = false;
        long until = nowNanos + ASK_FOR_NANOS;
        for (String name : names) {
            if (waiting.remove(name)) {
                asking.put(name, until);
                any = true;
            }
        }
        if (asking.size() > MAX_WAITING) {
            asking.clear(); // only a flood of invented names gets here; the periodic resend still repairs
        }
        return any;
    }

    /** {@code digest} with {@link #OFFER_AGAIN} for every origin still being asked for at {@code nowNanos}. */
    Map<String, Long> askingIn(Map<String, Long> digest, long nowNanos) {
        if (asking.isEmpty()) {
            return digest;
        }
        asking.values().removeIf(until -> until - nowNanos < 0);
        asking.keySet().forEach(origin -> digest.put(origin, OFFER_AGAIN));
        return digest;
    }
}
