package org.parley.federation.gossip;

import org.parley.protocol.message.Presence;

/**
 * What a node says of one of its users in the directory.
 *
 * @param name         the user name (the node is the entry's origin)
 * @param signingKey   the user's Ed25519 key, base64
 * @param agreementKey the user's X25519 key, base64
 * @param presence     online, away or offline
 * @param sessions     how many sessions the user has open
 */
public record UserRecord(String name, String signingKey, String agreementKey, Presence presence, int sessions) {
}
