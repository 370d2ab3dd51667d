package org.parley.node.group;

import io.vertx.core.Future;

/**
 * What the group home is told over the control bus, at its own address; requests and posts of
 * users take the direct path. Each command runs on the home's context.
 */
public sealed interface GroupControl {

    /** Does it, on the home's context. */
    Future<?> on(GroupHome home);

    /** List this node's open groups in the network's directory: sent once the federation is open. */
    record PublishAll() implements GroupControl {
        @Override
        public Future<?> on(GroupHome home) {
            home.publishAll();
            return Future.succeededFuture();
        }
    }
}
