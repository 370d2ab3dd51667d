package org.parley.federation.gossip;

import java.util.List;

/**
 * What a node says of itself in the directory.
 *
 * @param name  the node
 * @param key   its Ed25519 public key, base64
 * @param links the nodes it has a link with now, sorted
 * @param epoch the version of its first entry since it last started; entries of older versions are
 *              from a previous run and are dropped (the node re-issues all it still holds)
 */
public record NodeRecord(String name, String key, List<String> links, long epoch) {

    public NodeRecord {
        links = List.copyOf(links);
    }
}
