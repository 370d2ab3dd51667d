package org.parley.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What became of a direct message after its {@link Accepted}; see {@link Receipt}. */
public enum ReceiptStatus implements Spelled {
    /** In the recipient's mailbox at their node (only if the {@link Send} asked for it). */
    STORED("stored"),
    /** The recipient's client has it. */
    DELIVERED("delivered"),
    /** The recipient saw it. */
    READ("read"),
    /** It waited in the recipient's mailbox past the node's age limit and was dropped. */
    EXPIRED("expired");

    /** Read on every item that carries one: {@code values()} would copy the array each time. */
    private static final ReceiptStatus[] ALL = values();

    private final String word;

    ReceiptStatus(String word) {
        this.word = word;
    }

    @JsonValue
    @Override
    public String word() {
        return word;
    }

    /** The word, so logs read as the wire does. */
    @Override
    public String toString() {
        return word;
    }

    /** The status spelled {@code word}, or null if this version knows no such status. */
    @JsonCreator
    public static ReceiptStatus of(String word) {
        return Spelled.find(ALL, word);
    }
}
