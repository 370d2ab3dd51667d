package org.parley.federation.bulk;

/** How the receiving node dealt with an item, as the sending node hears it. */
public enum Settlement {
    /** Every session of the recipient has it (for files: acknowledged, on disk). */
    DELIVERED,
    /** The receiving node stored it durably, to be delivered later. */
    STORED,
    /** The receiving node will not take it; {@link Settled#refusal()} says why. */
    REFUSED,
    /** Handed on with no promise (a video frame written to a viewer); it only gives back credit. */
    PASSED
}
