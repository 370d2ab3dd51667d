package org.parley.protocol;

/**
 * Constants every side of Parley agrees on.
 */
public final class Protocol {

    /** The version of the client protocol, in both hellos; a peer speaking another is refused (links have their own). */
    public static final int VERSION = 1;

    private Protocol() {
    }
}
