package org.parley.node.metrics;

import io.netty.util.NetUtil;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who may read {@code /metrics}: anyone, or only callers on this machine ({@code metrics.loopbackOnly}). */
record ScrapeAccess(boolean loopbackOnly) {

    /** Whether a request from {@code remote} may read the metrics. */
    boolean allows(SocketAddress remote) {
        return !loopbackOnly || isLoopback(remote);
    }

    private static boolean isLoopback(SocketAddress remote) {
        if (remote == null || remote.hostAddress() == null) {
            return false; // a Unix socket or an unknown peer: not shown to be local
        }
        // Parsed only as a literal address: a name is never looked up (that would block the event loop).
        byte[] address = NetUtil.createByteArrayFromIpAddressString(remote.hostAddress());
        if (address == null) {
            return false;
        }
        try {
            return InetAddress.getByAddress(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // not 4 or 16 bytes: not an address at all
        }
    }
}
