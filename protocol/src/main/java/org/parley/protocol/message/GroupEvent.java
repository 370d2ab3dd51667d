package org.parley.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a group's membership changed; see {@link GroupNotice}. */
public enum GroupEvent implements Spelled {
    JOINED("joined"),
    LEFT("left"),
    REMOVED("removed"),
    INVITED("invited"),
    /** The group was handed to the notice's user. */
    OWNER("owner");

    private final String word;

    GroupEvent(String word) {
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

    /** The event spelled {@code word}, or null if this version knows no such event. */
    @JsonCreator
    public static GroupEvent of(String word) {
        return Spelled.find(values(), word);
    }
}
