package org.parley.federation.gossip;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says, at most once per period for each peer, origin and quota, how many directory entries were
 * refused and why: a flooding peer must not flood the log too. The first refusal is logged at once,
 * the rest are counted and summed up when the period is over ({@link #flush}).
 */
final class QuotaLog {

    private static final Logger LOG = LoggerFactory.getLogger(QuotaLog.class);

    /** Which quota refused entries, in words an operator can act on, with the setting to raise. */
    enum Quota {
        PER_NODE("over the cap of %d users and groups per node (directoryMaxEntriesPerNode)"),
        PER_LINK_RATE("over the rate of %d entries per second from one link (directoryEntriesPerSecond,"
                + " directoryEntriesBurst)"),
        PER_DELTA("in a delta larger than %d entries (directoryMaxEntriesPerDelta), refused whole");

        private final String why;

        Quota(String why) {
            this.why = why;
        }
    }

    private record Key(String peer, String origin, Quota quota) {
    }

    private static final class Count {
        long refused;
        final long limit;
        final long sinceNanos;

        Count(long limit, long sinceNanos) {
            this.limit = limit;
            this.sinceNanos = sinceNanos;
        }
    }

    private final long periodNanos;
    private final Map<Key, Count> counts = new LinkedHashMap<>();

    QuotaLog(long periodNanos) {
        this.periodNanos = periodNanos;
    }

    void refused(String peer, String origin, Quota quota, long limit, int entries, long nowNanos) {
        Key key = new Key(peer, origin, quota);
        Count count = counts.get(key);
        if (count == null) {
            say(key, limit, entries, 0);
            counts.put(key, new Count(limit, nowNanos));
        } else {
            count.refused += entries;
        }
        flush(nowNanos);
    }

    /** Sums up each quota whose period is over. */
    void flush(long nowNanos) {
        counts.entrySet().removeIf(each -> {
            Count count = each.getValue();
            if (nowNanos - count.sinceNanos < periodNanos) {
                return false;
            }
            if (count.refused > 0) {
                say(each.getKey(), count.limit, count.refused, (nowNanos - count.sinceNanos) / 1_000_000_000L);
            }
            return true;
        });
    }

    private static void say(Key key, long limit, long entries, long seconds) {
        LOG.warn("Refused {} directory entries about node {} from node {}{}: {}", entries, key.origin(), key.peer(),
                seconds == 0 ? "" : " in the last " + seconds + " s", String.format(key.quota().why, limit));
    }
}
