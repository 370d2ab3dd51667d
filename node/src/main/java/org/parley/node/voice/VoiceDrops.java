package org.parley.node.voice;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the datagrams the relay drops, by why, and says so in the log summed up, at most once per
 * interval: a flood of bad datagrams costs one line, not one per packet. Counted on the relay's
 * context; read from anywhere.
 */
final class VoiceDrops {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceDrops.class);
    private static final long REPORT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String nodeName;
    private final int port;
    private final AtomicLongArray total = new AtomicLongArray(VoiceDrop.values().length);
    private final long[] unreported = new long[VoiceDrop.values().length];
    private boolean anyUnreported;
    private long reportedAt;

    VoiceDrops(String nodeName, int port, long now) {
        this.nodeName = nodeName;
        this.port = port;
        this.reportedAt = now;
    }

    void drop(VoiceDrop why) {
        total.incrementAndGet(why.ordinal());
        unreported[why.ordinal()]++;
        anyUnreported = true;
    }

    /** Since the node started. */
    long count(VoiceDrop why) {
        return total.get(why.ordinal());
    }

    Map<VoiceDrop, Long> counts() {
        Map<VoiceDrop, Long> counts = new EnumMap<>(VoiceDrop.class);
        for (VoiceDrop why : VoiceDrop.values()) {
            counts.put(why, total.get(why.ordinal()));
        }
        return counts;
    }

    /** Logs what was dropped since the last report, if anything was and the interval has passed. */
    void report(long now) {
        if (!anyUnreported || now - reportedAt < REPORT_NANOS) {
            return;
        }
        StringBuilder what = new StringBuilder();
        long sum = 0;
        for (VoiceDrop why : VoiceDrop.values()) {
            long count = unreported[why.ordinal()];
            if (count > 0) {
                what.append(what.length() == 0 ? "" : "; ").append(count).append(' ').append(why.words());
                sum += count;
                unreported[why.ordinal()] = 0;
            }
        }
        LOG.warn("Node {} dropped {} datagram(s) on its voice port {} in the last {} s: {}", nodeName, sum, port,
                TimeUnit.NANOSECONDS.toSeconds(now - reportedAt), what);
        anyUnreported = false;
        reportedAt = now;
    }
}
