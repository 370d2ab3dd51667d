package org.parley.federation.auth;

import org.parley.federation.wire.EnvelopeKind;
import org.parley.protocol.message.ReceiptStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.Flood;
import org.parley.federation.wire.ReceiptNote;

/** A node speaks for its own users and groups, and names what each kind of item needs. */
class OriginRulesTest {

    private static Envelope chat(String id, String from, String to) {
        return new Envelope("node-a", "node-b", 8, 1, 1, 1, EnvelopeKind.CHAT, id, from, to, 0, null);
    }

    @Test
    void aDirectMessageComesFromAUserOfItsOriginToAUserOrGroupHere() {
        assertNull(OriginRules.problem(chat("m1", "alice@node-a", "bob@node-b"), "node-b"));
        assertNull(OriginRules.problem(chat("m1", "alice@node-a", "#team@node-b"), "node-b"));
        String spoofed = OriginRules.problem(chat("m1", "carol@node-c", "bob@node-b"), "node-b");
        assertTrue(spoofed.contains("carol@node-c is not a user of node node-a"), spoofed);
        assertNotNull(OriginRules.problem(chat(null, "alice@node-a", "bob@node-b"), "node-b"));
        assertNotNull(OriginRules.problem(chat("m1", null, "bob@node-b"), "node-b"));
        assertNotNull(OriginRules.problem(chat("m1", "alice", "bob@node-b"), "node-b"));
        assertNotNull(OriginRules.problem(chat("m1", "alice@node-a", "bob@node-c"), "node-b"));
        assertNotNull(OriginRules.problem(chat("m1", "alice@node-a", null), "node-b"));
        assertNotNull(OriginRules.problem(chat("x".repeat(129), "alice@node-a", "bob@node-b"), "node-b"));
    }

    @Test
    void onlyAGroupsHomeSpeaksForIt() {
        Envelope fromHome = new Envelope("node-a", "node-b", 8, 1, 1, 1, EnvelopeKind.GROUP, "g1", "carol@node-c",
                "#team@node-a", 0, List.of("bob@node-b"));
        assertNull(OriginRules.problem(fromHome, "node-b"));
        Envelope notHome = new Envelope("rogue", "node-b", 8, 1, 1, 1, EnvelopeKind.GROUP, "g1", "carol@node-c",
                "#team@node-a", 0, List.of("bob@node-b"));
        assertNotNull(OriginRules.problem(notHome, "node-b"));
        Envelope elsewhere = new Envelope("node-a", "node-b", 8, 1, 1, 1, EnvelopeKind.GROUP_NOTICE, "n1", null,
                "#team@node-a", 0, List.of("carol@node-c"));
        assertNotNull(OriginRules.problem(elsewhere, "node-b"));
        assertNotNull(OriginRules.problem(new Envelope("node-a", "node-b", 8, 1, 1, 1, null, "x", null, null, 0,
                null), "node-b"));
    }

    private static Envelope voice(EnvelopeKind kind, String origin, String from, String to, List<String> members) {
        return new Envelope(origin, "node-b", 8, 1, 1, 1, kind, "v1", from, to, 0, members);
    }

    @Test
    void aVoiceRoomsHomeSpeaksForItAndANodeAsksOnlyForItsOwnUsers() {
        // a user of node-a asks node-b about a group of node-b, or a call with a user of node-b
        assertNull(OriginRules.problem(voice(EnvelopeKind.VOICE_REQUEST, "node-a", "alice@node-a", "#team@node-b",
                null), "node-b"));
        assertNull(OriginRules.problem(voice(EnvelopeKind.VOICE_REQUEST, "node-a", "alice@node-a", "bob@node-b",
                null), "node-b"));
        assertNotNull(OriginRules.problem(voice(EnvelopeKind.VOICE_REQUEST, "node-a", "carol@node-c", "#team@node-b",
                null), "node-b"));
        assertNotNull(OriginRules.problem(voice(EnvelopeKind.VOICE_REQUEST, "node-a", "alice@node-a", "#team@node-c",
                null), "node-b"));
        // the home (node-a) answers and tells users of node-b, about its own groups and users only
        assertNull(OriginRules.problem(voice(EnvelopeKind.VOICE_REPLY, "node-a", null, "bob@node-b", null), "node-b"));
        assertNull(OriginRules.problem(voice(EnvelopeKind.VOICE_NOTICE, "node-a", null, "#team@node-a",
                List.of("bob@node-b")), "node-b"));
        assertNull(OriginRules.problem(voice(EnvelopeKind.VOICE_NOTICE, "node-a", null, "alice@node-a",
                List.of("bob@node-b")), "node-b"));
        assertNotNull(OriginRules.problem(voice(EnvelopeKind.VOICE_NOTICE, "node-a", null, "#team@node-c",
                List.of("bob@node-b")), "node-b"));
        assertNotNull(OriginRules.problem(voice(EnvelopeKind.VOICE_NOTICE, "node-a", null, "#team@node-a",
                List.of("carol@node-c")), "node-b"));
    }

    @Test
    void aWatchRequestComesFromAUserOfItsOriginForAVideoHereAndItsRefusalGoesToAUserHere() {
        assertNull(OriginRules.problem(video(EnvelopeKind.VIDEO_REQUEST, "alice@node-a", "lecture@node-b"), "node-b"));
        String spoofed = OriginRules.problem(video(EnvelopeKind.VIDEO_REQUEST, "carol@node-c", "lecture@node-b"),
                "node-b");
        assertTrue(spoofed.contains("carol@node-c is not a user of node node-a"), spoofed);
        String elsewhere = OriginRules.problem(video(EnvelopeKind.VIDEO_REQUEST, "alice@node-a", "lecture@node-c"),
                "node-b");
        assertTrue(elsewhere.contains("lecture@node-c is not a video of node node-b"), elsewhere);
        assertNotNull(OriginRules.problem(video(EnvelopeKind.VIDEO_REQUEST, "alice@node-a", "../x@node-b"), "node-b"));
        assertNotNull(OriginRules.problem(video(EnvelopeKind.VIDEO_REQUEST, "alice@node-a", "lecture"), "node-b"));

        assertNull(OriginRules.problem(video(EnvelopeKind.VIDEO_REPLY, null, "bob@node-b"), "node-b"));
        assertNotNull(OriginRules.problem(video(EnvelopeKind.VIDEO_REPLY, null, "bob@node-c"), "node-b"));
    }

    private static Envelope video(EnvelopeKind kind, String from, String to) {
        return new Envelope("node-a", "node-b", 8, 1, 1, 1, kind, "r1", from, to, 0, null);
    }

    @Test
    void aReceiptIsAboutAUserOfItsOriginForAUserHere() {
        assertNull(OriginRules.problem(new ReceiptNote("m1", "bob@node-b", "alice@node-a", ReceiptStatus.READ), "node-b",
                "node-a"));
        assertNotNull(OriginRules.problem(new ReceiptNote("m1", "bob@node-b", "alice@node-a", ReceiptStatus.READ), "rogue",
                "node-a"));
        assertNotNull(OriginRules.problem(new ReceiptNote("m1", "bob@node-b", "alice@node-c", ReceiptStatus.READ), "node-b",
                "node-a"));
        assertNotNull(OriginRules.problem(new ReceiptNote(null, "bob@node-b", "alice@node-a", ReceiptStatus.READ), "node-b",
                "node-a"));
        assertEquals("alice", OriginRules.nameOf("alice@node-a"), "the user here a checked receipt is for");
    }

    @Test
    void aFloodCarriesItsOriginsIdAndAuthorAndIsFresh() {
        long now = 1_800_000_000_000L;
        assertNull(OriginRules.problem(new Flood("node-a:1:7", "node-a", 8, "m1", "alice@node-a", now, "s"), now));
        assertNotNull(OriginRules.problem(new Flood("node-b:1:7", "node-a", 8, "m1", "alice@node-a", now, "s"), now));
        assertNotNull(OriginRules.problem(new Flood("node-a:1:7", "node-a", 8, "m1", "bob@node-b", now, "s"), now));
        assertNotNull(OriginRules.problem(new Flood("node-a:1:7", "node-a", 8, "m1", "alice@node-a",
                now - OriginRules.FLOOD_WINDOW_MILLIS - 1, "s"), now));
        assertTrue(OriginRules.hopsInBounds(1) && OriginRules.hopsInBounds(OriginRules.MAX_HOPS));
        assertTrue(!OriginRules.hopsInBounds(0) && !OriginRules.hopsInBounds(-3)
                && !OriginRules.hopsInBounds(OriginRules.MAX_HOPS + 1));
    }
}
