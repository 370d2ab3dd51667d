package org.parley.federation.bulk;

import org.parley.protocol.message.Spelled;

/**
 * What a bulk stream carries. The opening frame names it, and the receiving node hands the stream
 * to whoever accepts streams of that purpose ({@link BulkStreams#accept}); a stream nobody accepts
 * is reset at once.
 */
public enum BulkPurpose implements Spelled {
    /** The pieces of files sent to a user of the receiving node. */
    FILE("file"),
    /** A video being watched by a user of the receiving node. */
    VIDEO("video");

    private final String word;

    BulkPurpose(String word) {
        this.word = word;
    }

    @Override
    public String word() {
        return word;
    }

    /** The purpose spelled {@code word}; null for one this version does not know. */
    public static BulkPurpose of(String word) {
        return Spelled.find(values(), word);
    }
}
