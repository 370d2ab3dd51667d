package org.parley.client.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.message.Watch;
import org.parley.protocol.message.Watching;

class WatchRequestTest {

    @TempDir
    Path folder;

    private static String refusal(String... words) {
        return assertThrows(IllegalArgumentException.class, () -> WatchOptions.parse(words).request()).getMessage();
    }

    @Test
    void theOptionsMakeTheWatchFrame() {
        WatchRequest request = WatchOptions.parse("lecture@node-b", "--resolution", "480p", "--start", "1:30")
                .request();
        assertEquals(new Watch("s1", "lecture@node-b", "480p", null, 90_000L, null), request.frame("s1", null));
        assertEquals(new Watch("s2", "lecture@node-b", "480p", null, null, 7), request.frame("s2", 7),
                "resuming asks for a segment, not a time");
        assertEquals("lecture", request.name());
        assertEquals(Boolean.TRUE, WatchOptions.parse("lecture@node-b", "--mixed").request().frame("s", null).mixed());
    }

    @Test
    void mistakesAreSaidInWords() {
        assertTrue(refusal("lecture@node-b", "--resolution", "480p", "--mixed").contains("do not go together"));
        assertTrue(refusal("lecture@node-b", "--start", "1:75").startsWith("--start: a time is seconds (90)"));
        assertTrue(refusal("lecture").contains("NAME@NODE"));
        assertTrue(refusal("@node-b").contains("NAME@NODE"));
        assertTrue(refusal("a@b@c").contains("NAME@NODE"));
        assertTrue(refusal("lecture@node-b", "--bogus").contains("Unknown option: '--bogus'"));
        assertTrue(refusal().contains("Missing required parameter"));
    }

    @Test
    void theDestinationFollowsOutAndPlay() throws Exception {
        WatchOptions none = WatchOptions.parse("lecture@node-b");
        assertEquals(new Destination.DefaultFile(folder), none.destination(Map.of(), folder));
        assertEquals(new Destination.StandardOutput(),
                WatchOptions.parse("x@y", "--out", "-").destination(Map.of(), folder));
        assertEquals(new Destination.NamedFile(Path.of("a.ts")),
                WatchOptions.parse("x@y", "--out", "a.ts").destination(Map.of(), folder));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WatchOptions.parse("x@y", "--out", "a.ts",
                "--play").destination(Map.of(), folder)).getMessage().contains("do not go together"));

        IllegalStateException noPlayer = assertThrows(IllegalStateException.class,
                () -> WatchOptions.parse("x@y", "--play").destination(Map.of("PATH", folder.toString()), folder));
        assertTrue(noPlayer.getMessage().startsWith("--play needs ffplay on your PATH"), noPlayer.getMessage());
        Path player = Files.writeString(folder.resolve("ffplay"), "#!/bin/sh\n");
        player.toFile().setExecutable(true);
        assertEquals(new Destination.Player(player.toAbsolutePath()), WatchOptions.parse("x@y", "--play")
                .destination(Map.of("PATH", "/nonexistent:" + folder), folder));
    }

    @Test
    void aFileNamedForTheVideoNeverReplacesOne() throws Exception {
        Watching watching = new Watching("s", "lecture@node-b", List.of("720p"), 10_000, 5, 0, 0);
        Destination destination = new Destination.DefaultFile(folder);
        WatchRequest highest = new WatchRequest("lecture@node-b", null, false, null);
        VideoOutput first = destination.open(highest, watching);
        VideoOutput second = destination.open(highest, watching);
        first.close();
        second.close();
        assertEquals(folder.resolve("lecture_720p.ts").toString(), first.where());
        assertEquals(folder.resolve("lecture_720p (1).ts").toString(), second.where());
        VideoOutput mixed = destination.open(new WatchRequest("lecture@node-b", null, true, null), new Watching("s",
                "lecture@node-b", List.of("240p", "480p"), 10_000, 5, 0, 0));
        mixed.close();
        assertEquals(folder.resolve("lecture_mixed.ts").toString(), mixed.where());
        VideoOutput climbing = destination.open(new WatchRequest("../../up@node-b", null, false, null), watching);
        climbing.close();
        assertEquals(folder.resolve("up_720p.ts").toString(), climbing.where(), "a name never leaves the folder");
    }
}
