package org.parley.node.discovery;

import org.parley.protocol.discovery.NodeAnnouncement;

/**
 * A node heard on the LAN: the address its announcement gave, and what it said about itself, which
 * nothing has checked yet.
 *
 * @param host         the node's address, as its mDNS records gave it
 * @param announcement its name, ports and (unverified) key fingerprint
 */
public record FoundNode(String host, NodeAnnouncement announcement) {
}
