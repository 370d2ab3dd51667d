package org.parley.node.config;

/**
 * LAN discovery: DNS-SD over mDNS ({@code _parley._tcp.local.}) on the interface of the node's host
 * address. Off by default; off, the node sends nothing to the LAN.
 *
 * @param enabled        announce this node (name, ports, key fingerprint) and listen for others
 * @param linkDiscovered link with the nodes found, as far as the federation's trust rules allow
 */
public record DiscoveryConfig(boolean enabled, boolean linkDiscovered) {
}
