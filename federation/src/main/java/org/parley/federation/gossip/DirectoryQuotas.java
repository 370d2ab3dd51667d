package org.parley.federation.gossip;

/**
 * How much of the directory one origin node, or one link, may take: a linked node can sign as many
 * users of its own as it likes, and each costs every node memory, a signature check and a row on
 * disk. Past a quota the excess is refused (and logged); everything else goes on.
 *
 * @param maxEntriesPerNode  users and open groups kept for one origin node other than this one,
 *                           counting those deleted since it last started
 * @param entriesPerSecond   entries taken from one link per second, on average (any origin)
 * @param entriesBurst       entries one link may send at once, as when it comes up (the bucket's size)
 * @param maxEntriesPerDelta entries in one delta frame; a larger delta is refused whole
 */
public record DirectoryQuotas(int maxEntriesPerNode, int entriesPerSecond, int entriesBurst, int maxEntriesPerDelta) {

    /** What a node sends in one delta; a receiver must take at least this many. */
    public static final int ENTRIES_PER_DELTA = 256;

    /** Limits a real deployment can keep: a node of 10,000 users, a network of a few of them. */
    public static final DirectoryQuotas DEFAULTS = new DirectoryQuotas(10_000, 1_000, 20_000, ENTRIES_PER_DELTA);

    public DirectoryQuotas {
        if (maxEntriesPerNode < 1 || entriesPerSecond < 1 || entriesBurst < ENTRIES_PER_DELTA
                || maxEntriesPerDelta < ENTRIES_PER_DELTA) {
            throw new IllegalArgumentException("directory quotas must be positive, and the burst and the entries per"
                    + " delta at least " + ENTRIES_PER_DELTA + ": " + maxEntriesPerNode + ", " + entriesPerSecond
                    + ", " + entriesBurst + ", " + maxEntriesPerDelta);
        }
    }
}
