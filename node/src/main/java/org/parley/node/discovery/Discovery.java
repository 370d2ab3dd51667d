package org.parley.node.discovery;

import io.vertx.core.Future;

/**
 * The node's part on the LAN: announcing itself over mDNS and, if asked, linking with the nodes it
 * finds ({@link MdnsDiscovery}), or nothing at all ({@link Off}), which is the default.
 */
public sealed interface Discovery permits Discovery.Off, MdnsDiscovery {

    /** Withdraws the announcement and stops listening; a no-op when off. */
    Future<Void> close();

    /** Discovery switched off: no mDNS socket is opened and nothing is sent to the LAN. */
    record Off() implements Discovery {
        @Override
        public Future<Void> close() {
            return Future.succeededFuture();
        }
    }
}
