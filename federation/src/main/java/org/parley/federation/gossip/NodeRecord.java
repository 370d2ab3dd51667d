package org.parley.federation.gossip;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a node says of itself in the directory, signed with its own key.
 *
 * @param name         the node
 * @param key          its Ed25519 public key, base64
 * @param agreementKey its static X25519 public key, base64: other nodes agree with it on the pairwise
 *                     key that authenticates what they send this node (see docs/SECURITY.md)
 * @param links        the nodes it has a link with now, sorted
 * @param vouches      the nodes it vouches for, by name, with their key fingerprints
 *                     ({@code SHA256:...}): the peers its operator configured. A node that trusts this
 *                     one believes these keys
 * @param epoch        the version of its first entry since it last started; entries of older versions
 *                     are from a previous run and are dropped (the node re-issues all it still holds)
 */
public record NodeRecord(String name, String key, String agreementKey, List<String> links,
                         Map<String, String> vouches, long epoch) {

    public NodeRecord {
        links = links == null ? List.of() : List.copyOf(links);
        vouches = vouches == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(vouches));
    }
}
