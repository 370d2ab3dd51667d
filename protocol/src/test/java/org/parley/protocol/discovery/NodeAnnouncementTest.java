package org.parley.protocol.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeAnnouncementTest {

    private static final String KEY = "SHA256:" + "A".repeat(42) + "E";
    private static final NodeAnnouncement NODE_A = new NodeAnnouncement("node-a", 8080, 5050, 8443, 7070, KEY, 1);

    @Test
    void anAnnouncementReadsBackFromItsTxtRecord() {
        // GIVEN / WHEN
        Map<String, String> txt = NODE_A.toTxt();

        // THEN
        assertEquals(Map.of("node", "node-a", "port", "8080", "s2s", "5050", "web", "8443", "voice", "7070",
                "key", KEY, "proto", "1"), txt);
        assertEquals(NODE_A, NodeAnnouncement.fromTxt(txt));
    }

    @Test
    void keysALaterVersionAddsAreIgnored() {
        Map<String, String> txt = new LinkedHashMap<>(NODE_A.toTxt());
        txt.put("region", "lab");

        assertEquals(NODE_A, NodeAnnouncement.fromTxt(txt));
    }

    @Test
    void aRecordWithoutTheS2sPortIsNotAnAnnouncementAndSaysWhy() {
        Map<String, String> txt = new LinkedHashMap<>(NODE_A.toTxt());
        txt.remove("s2s");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> NodeAnnouncement.fromTxt(txt));
        assertEquals("no 's2s' in the announcement", refused.getMessage());
    }

    @Test
    void aPortThatIsNotANumberOrOutOfRangeIsRefused() {
        Map<String, String> words = new LinkedHashMap<>(NODE_A.toTxt());
        words.put("port", "eighty");
        Map<String, String> tooHigh = new LinkedHashMap<>(NODE_A.toTxt());
        tooHigh.put("voice", "70000");

        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodeAnnouncement.fromTxt(words))
                .getMessage().contains("'port' is not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodeAnnouncement.fromTxt(tooHigh))
                .getMessage().contains("voice port must be between 1 and 65535"));
    }

    @Test
    void aBadNameOrFingerprintIsRefused() {
        Map<String, String> badName = new LinkedHashMap<>(NODE_A.toTxt());
        badName.put("node", "Node A");
        Map<String, String> badKey = new LinkedHashMap<>(NODE_A.toTxt());
        badKey.put("key", "trust-me");

        assertThrows(IllegalArgumentException.class, () -> NodeAnnouncement.fromTxt(badName));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodeAnnouncement.fromTxt(badKey))
                .getMessage().contains("is not a fingerprint"));
    }
}
