package org.parley.federation.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.federation.link.PeerLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs the items dropped because they could not be authenticated to their origin, with
 * the link each came on: the first from a link at once, then at most one line per link every
 * {@link #QUIET_NANOS}, saying how many were dropped meanwhile, so a peer that floods forgeries
 * cannot flood the log. Use from the federation context; {@link #count} from any thread.
 */
public final class RefusedItems {

    private static final Logger LOG = LoggerFactory.getLogger(RefusedItems.class);
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AtomicLong total = new AtomicLong();
    private final Map<String, Quiet> quiet = new HashMap<>();

    private static final class Quiet {
        long loggedAt;
        long unlogged;
    }

    /** Drops one item that came on {@code link}, saying what it was. */
    public void drop(PeerLink link, String what) {
        total.incrementAndGet();
        String peer = link.peerName() + " (" + link.remote() + ")";
        long now = System.nanoTime();
        Quiet q = quiet.get(peer);
        if (q != null && now - q.loggedAt < QUIET_NANOS) {
            q.unlogged++;
            return;
        }
        if (q == null) {
            q = new Quiet();
            quiet.put(peer, q);
        }
        String more = q.unlogged == 0 ? "" : " (and " + q.unlogged + " more dropped from that link before it)";
        LOG.warn("Dropped {} that came on the link with node {}{}", what, peer, more);
        q.loggedAt = now;
        q.unlogged = 0;
    }

    public long count() {
        return total.get();
    }
}
