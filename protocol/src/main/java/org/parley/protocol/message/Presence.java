package org.parley.protocol.message;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A user's presence as the network sees it.
 */
public enum Presence {
    ONLINE, AWAY, OFFLINE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
