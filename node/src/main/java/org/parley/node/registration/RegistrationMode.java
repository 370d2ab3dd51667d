package org.parley.node.registration;

import java.util.Locale;

/** Whether a node registers new names, as its operator sets it. Existing accounts log in under every mode. */
public enum RegistrationMode {
    /** Any new name is registered at its first login. */
    OPEN,
    /** No new name is registered. */
    CLOSED,
    /** A new name is registered only with an invite code the operator made. */
    INVITE;

    /** The mode named {@code word} (open, closed, invite), or an exception that lists them. */
    public static RegistrationMode parse(String word) {
        for (RegistrationMode mode : values()) {
            if (mode.word().equals(word.toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException("registration must be open, closed or invite, not '" + word + "'");
    }

    /** How config files and commands spell it. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
