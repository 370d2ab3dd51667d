package org.parley.federation.gossip;

/**
 * An open group, as its home node lists it for the network: anyone may find and join it. Groups
 * that are invite-only are not listed; their members learn of them from the home node.
 *
 * @param name    the group's name, without {@code #} or node
 * @param owner   its owner, qualified
 * @param members how many members it has
 */
public record GroupRecord(String name, String owner, int members) {
}
