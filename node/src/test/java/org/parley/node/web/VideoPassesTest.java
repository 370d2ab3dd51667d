package org.parley.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A pass opens the video endpoints for its user until it expires, and only as this node issued it. */
class VideoPassesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T20:00:00Z");
    private static final byte[] KEY = new byte[32];

    private static VideoPasses at(Instant when, byte[] key) {
        return new VideoPasses(key, Clock.fixed(when, ZoneOffset.UTC));
    }

    @Test
    void aPassNamesItsUserUntilItExpires() {
        VideoPasses.Issued issued = at(NOW, KEY).issue("alice");

        assertEquals(NOW.toEpochMilli() + VideoPasses.LIFETIME_MILLIS, issued.expiresMillis());
        assertEquals(Optional.of("alice"), at(NOW, KEY).holder(issued.pass()));
        assertEquals(Optional.of("alice"), at(NOW.plusMillis(VideoPasses.LIFETIME_MILLIS - 1), KEY)
                .holder(issued.pass()));
        assertEquals(Optional.empty(), at(NOW.plusMillis(VideoPasses.LIFETIME_MILLIS), KEY).holder(issued.pass()),
                "expired");
    }

    @Test
    void aPassOfAnotherKeyAnAlteredOneOrNoneOpensNothing() {
        String pass = at(NOW, KEY).issue("alice").pass();
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        String claimOfBob = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("bob\n" + (NOW.toEpochMilli() + 60_000)).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertEquals(Optional.empty(), at(NOW, otherKey).holder(pass), "another node's (or an earlier run's) key");
        assertEquals(Optional.empty(), at(NOW, KEY).holder(claimOfBob + pass.substring(pass.indexOf('.'))),
                "another user's claim under alice's tag");
        for (String broken : new String[] {null, "", "no-dot", ".", pass + "x", "%%%." + "AAAA", "x".repeat(300)}) {
            assertEquals(Optional.empty(), at(NOW, KEY).holder(broken), String.valueOf(broken));
        }
    }
}
