package org.parley.federation.bulk;

import org.parley.protocol.message.Spelled;

/** How the receiving node dealt with an item, as the sending node hears it. */
public enum Settlement implements Spelled {
    /** Every session of the recipient has it (for files: acknowledged, on disk). */
    DELIVERED("delivered"),
    /** The receiving node stored it durably, to be delivered later. */
    STORED("stored"),
    /** The receiving node will not take it; {@link Settled#refusal()} says why. */
    REFUSED("refused"),
    /** Handed on with no promise (a video frame written to a viewer); it only gives back credit. */
    PASSED("passed");

    private final String word;

    Settlement(String word) {
        this.word = word;
    }

    /** How a {@code bulk-settle} frame spells it. */
    @Override
    public String word() {
        return word;
    }

    /** The settlement spelled {@code word}; null for one this version does not know. */
    public static Settlement of(String word) {
        return Spelled.find(values(), word);
    }
}
