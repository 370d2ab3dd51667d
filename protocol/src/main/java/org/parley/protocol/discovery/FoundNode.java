package org.parley.protocol.discovery;

import java.util.Map;

/**
 * A node heard on the LAN: the address its mDNS records gave, and what its announcement said about
 * it, which nothing has checked yet (see {@link NodeAnnouncement}).
 *
 * @param host         the node's IPv4 address, as its mDNS records gave it
 * @param announcement its name, ports and (unverified) key fingerprint
 */
public record FoundNode(String host, NodeAnnouncement announcement) {

    /**
     * Reads a resolved DNS-SD service: its IPv4 addresses (the first is taken) and its TXT record.
     *
     * @throws IllegalArgumentException saying why it is not a Parley node's announcement
     */
    public static FoundNode of(String[] ipv4Addresses, Map<String, String> txt) {
        if (ipv4Addresses.length == 0) {
            throw new IllegalArgumentException("no IPv4 address in the announcement");
        }
        return new FoundNode(ipv4Addresses[0], NodeAnnouncement.fromTxt(txt));
    }
}
