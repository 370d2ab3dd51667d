package org.parley.federation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Whom a node links with and whose directory entries it believes. The config spells it in lower
 * case ({@code "federation": "closed"}).
 */
public enum FederationMode {

    /**
     * The default: links only with the nodes its config names in {@code peerFingerprints}, each with
     * exactly that key, and believes any other node only when a node it already believes vouches for
     * that node's key.
     */
    CLOSED,

    /**
     * Trust on first use: any node may link, and a node first seen (on a link or in gossip) is pinned
     * with the key it presents. A pinned name still never changes key.
     */
    OPEN;

    /** How the config and the command line spell it. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode spelt {@code text}, if any. */
    public static Optional<FederationMode> parse(String text) {
        return Arrays.stream(values()).filter(mode -> mode.spelling().equals(text)).findFirst();
    }
}
