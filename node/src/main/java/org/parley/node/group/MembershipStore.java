package org.parley.node.group;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Set;

/**
 * Where this node keeps which groups of other nodes its users belong to (as those groups' homes
 * told it). Implementations do their I/O off the event loop.
 */
public interface MembershipStore {

    /** Groups of other nodes (addresses) by local user name. */
    Future<Map<String, Set<String>>> loadMemberships();

    /** {@code user} (a local name) is a member of {@code group}; nothing changes if it was already. */
    Future<Void> add(String user, String group);

    /** {@code user} is no longer a member of {@code group}; nothing changes if it was not. */
    Future<Void> remove(String user, String group);
}
