package org.parley.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PeerAddressTest {

    @Test
    void parsesHostAndPort() {
        assertEquals(new PeerAddress("127.0.0.1", 5051), PeerAddress.parse("127.0.0.1:5051"));
        assertEquals(new PeerAddress("node-b.example", 5051), PeerAddress.parse("node-b.example:5051"));
    }

    @Test
    void parsesBracketedIpv6AndPrintsItBack() {
        PeerAddress address = PeerAddress.parse("[::1]:5051");

        assertEquals("::1", address.host());
        assertEquals("[::1]:5051", address.toString());
    }

    @Test
    void refusesWhatIsNotHostColonPort() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PeerAddress.parse("localhost"))
                .getMessage().contains("not HOST:PORT"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PeerAddress.parse("localhost:http"))
                .getMessage().contains("not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PeerAddress.parse("localhost:70000"))
                .getMessage().contains("between 1 and 65535"));
        assertThrows(IllegalArgumentException.class, () -> PeerAddress.parse(":5051"));
    }
}
