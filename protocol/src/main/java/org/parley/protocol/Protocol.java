package org.parley.protocol;

/**
 * Constants every side of Parley agrees on.
 */
public final class Protocol {

    /** The version carried in both hellos; a peer speaking another version is refused. */
    public static final int VERSION = 1;

    private Protocol() {
    }
}
