package org.parley.node.group;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where the groups this node is home to are kept, each read and written whole. Implementations do
 * their I/O off the event loop.
 */
public interface GroupStore {

    /** Every group of this node. */
    Future<List<GroupState>> loadGroups();

    /** Keeps {@code group} as it now stands, in place of what was kept of it. */
    Future<Void> save(GroupState group);

    /** The group's last member left: it is gone, and its name free again. */
    Future<Void> delete(String name);
}
