package org.parley.node.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.Test;

class ScrapeAccessTest {

    private final ScrapeAccess loopbackOnly = new ScrapeAccess(true);

    @Test
    void loopbackCallersMayScrape() {
        assertTrue(loopbackOnly.allows(SocketAddress.inetSocketAddress(40000, "127.0.0.1")));
        assertTrue(loopbackOnly.allows(SocketAddress.inetSocketAddress(40000, "127.3.2.1")));
        assertTrue(loopbackOnly.allows(SocketAddress.inetSocketAddress(40000, "::1")));
        assertTrue(loopbackOnly.allows(SocketAddress.inetSocketAddress(40000, "0:0:0:0:0:0:0:1")));
    }

    @Test
    void othersAreRefusedWhileLoopbackOnlyHolds() {
        assertFalse(loopbackOnly.allows(SocketAddress.inetSocketAddress(40000, "192.168.1.20")));
        assertFalse(loopbackOnly.allows(SocketAddress.inetSocketAddress(40000, "10.0.0.1")));
        assertFalse(loopbackOnly.allows(SocketAddress.inetSocketAddress(40000, "2001:db8::1")));
        // A name is not looked up (that would block the loop), so it does not count as this machine.
        assertFalse(loopbackOnly.allows(SocketAddress.inetSocketAddress(40000, "localhost")));
        assertFalse(loopbackOnly.allows(SocketAddress.domainSocketAddress("/run/parley.sock")));
        assertFalse(loopbackOnly.allows(null));
    }

    @Test
    void anyoneMayScrapeWhenLoopbackOnlyIsOff() {
        ScrapeAccess open = new ScrapeAccess(false);

        assertTrue(open.allows(SocketAddress.inetSocketAddress(40000, "192.168.1.20")));
        assertTrue(open.allows(SocketAddress.inetSocketAddress(40000, "127.0.0.1")));
    }
}
