package org.parley.node.admin;

import io.vertx.core.Future;

/** One admin command's work on the node. Runs on the admin listener's event loop: it must not block. */
@FunctionalInterface
public interface AdminAction {

    /** Fails with {@link AdminRefusal} for what the operator should fix. */
    Future<AdminAnswer> run(AdminRequest request);
}
