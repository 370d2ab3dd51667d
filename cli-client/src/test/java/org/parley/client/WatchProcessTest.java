package org.parley.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.message.Watch;

/**
 * {@code parley watch} as a process of its own, as a user runs it: Ctrl-C stops the stream (the
 * node hears {@code unwatch}) and leaves a file of whole segments; {@code --out -} writes the
 * stream to standard output and nothing else there; without {@code --out} the file is named for
 * the video in the current folder and never replaces one.
 */
class WatchProcessTest extends VideoNodeTest {

    @TempDir
    Path here;

    private CommandProcess command;

    private final TestVideo lecture = TestVideo.of("lecture@node-b", 4, "480p");

    @AfterEach
    void stopCommand() {
        if (command != null) {
            command.close();
        }
    }

    private CommandProcess watch(String user, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("watch"));
        all.addAll(List.of(args));
        command = CommandProcess.start(here, Files.createDirectories(here.resolve("outputs")),
                as(here.resolve("homes"), user, all.toArray(String[]::new)));
        return command;
    }

    @Test
    void ctrlCStopsTheStreamAndLeavesWholeSegments() throws Exception {
        videos.onWatch = (n, stream) -> {
            lecture.began(stream, 0);
            stream.segments(lecture, 0, 2, 30_000);
            stream.piece(lecture, 2, 0, 30_000, false); // and then it waits: the video goes on slowly
        };
        Path out = here.resolve("stopped.ts");
        CommandProcess watching = watch("ivan", "lecture@node-b", "--out", out.toString());
        Watch asked = videos.nextWatch();
        long whole = lecture.bytes(0, 2).length;
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(out) && Files.size(out) == whole);

        watching.interrupt();

        assertEquals(143, watching.awaitExit(), watching.stderr());
        assertEquals(asked.id(), videos.unwatched.poll(10, TimeUnit.SECONDS), "the node heard unwatch");
        assertArrayEquals(lecture.bytes(0, 2), Files.readAllBytes(out), "whole segments, nothing of the third");
        assertTrue(watching.stderr().matches("(?s).*parley: stopped: lecture@node-b 480p from 0:00 to 0:04 \\(.*\\)"
                + " went to " + out + ", whole segments only\n.*"), watching.stderr());
    }

    @Test
    void outDashWritesTheStreamToStandardOutputAndOnlyIt() throws Exception {
        videos.onWatch = (n, stream) -> {
            lecture.began(stream, 0);
            stream.segments(lecture, 0, lecture.count(), 100_000);
            stream.end(true, lecture.count(), null);
        };

        CommandProcess piped = watch("olga", "lecture@node-b", "--out", "-");

        assertEquals(0, piped.awaitExit(), piped.stderr());
        assertArrayEquals(lecture.bytes(0, lecture.count()), piped.stdout());
        assertTrue(piped.stderr().contains("into standard output"), piped.stderr());
    }

    @Test
    void withoutOutTheFileIsNamedForTheVideoHereAndNeverReplacesOne() throws Exception {
        TestVideo mixed = TestVideo.of("lecture@node-b", 3, "240p", "480p").mixedMode();
        videos.onWatch = (n, stream) -> {
            mixed.began(stream, 0);
            stream.segments(mixed, 0, mixed.count(), 100_000);
            stream.end(true, mixed.count(), null);
        };

        assertEquals(0, watch("nina", "lecture@node-b", "--mixed").awaitExit(), command.stderr());
        assertEquals(0, watch("nina", "lecture@node-b", "--mixed").awaitExit(), command.stderr());

        assertArrayEquals(mixed.bytes(0, 3), Files.readAllBytes(here.resolve("lecture_mixed.ts")));
        assertArrayEquals(mixed.bytes(0, 3), Files.readAllBytes(here.resolve("lecture_mixed (1).ts")));
        assertTrue(command.stderr().contains("into " + here.resolve("lecture_mixed (1).ts")), command.stderr());
    }
}
