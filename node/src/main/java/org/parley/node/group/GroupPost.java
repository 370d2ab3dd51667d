package org.parley.node.group;

import java.util.Map;

/**
 * What became of a post at its group's home: handed to {@code handed} sessions here, queued for
 * {@code nodes} other nodes, and not sent toward the nodes in {@code unreached} (with why), which
 * one gone member node no longer makes a failure of the whole post.
 */
public record GroupPost(int handed, int nodes, Map<String, String> unreached) {
}
