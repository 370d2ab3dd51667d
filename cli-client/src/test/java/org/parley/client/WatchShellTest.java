package org.parley.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.message.ErrorCode;

/**
 * Video in the interactive session, typed as a user would: {@code /videos} lists them;
 * {@code /watch} runs in the background while the session goes on, says where the file goes and
 * how it ended; {@code /watch} alone lists the watches, {@code /unwatch N} stops one, leaving
 * stops the rest; the node's refusal and a mistyped option are said in a line each.
 */
class WatchShellTest extends VideoNodeTest {

    @TempDir
    Path here;

    private ShellProcess shell;

    private final TestVideo lecture = TestVideo.of("lecture@node-b", 5, "480p");

    @AfterEach
    void stopShell() {
        if (shell != null) {
            shell.close();
        }
    }

    private static long size(Path file) throws Exception {
        return Files.exists(file) ? Files.size(file) : -1;
    }

    @Test
    void watchesRunInTheBackgroundAndAreListedStoppedAndEnded() throws Exception {
        // Each watch gets its first segments, then waits for the test to send the rest.
        BlockingQueue<VideoNode.Stream> held = new LinkedBlockingQueue<>();
        videos.onWatch = (n, stream) -> {
            if (n == 2) {
                stream.refuse(ErrorCode.UNKNOWN_VIDEO, "no video 'nothing' on node-b");
                return;
            }
            lecture.began(stream, 0);
            stream.segments(lecture, 0, 2, 50_000);
            held.add(stream);
        };
        videos.library = List.of(lecture.summary());
        shell = ShellProcess.startIn(here, Map.of(), as(here.resolve("homes"), "sam"));
        shell.awaitSaid("Logged in as sam@node-a");

        shell.type("/videos");
        shell.awaitSaid("  lecture@node-b                        0:10  no     480p (");

        shell.type("/watch lecture@node-b --resolution 480p");
        Path first = here.resolve("lecture_480p.ts");
        shell.awaitSaid("  #1 watching lecture@node-b (480p, 0:10) into " + first);
        VideoNode.Stream one = held.poll(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> size(first) == lecture.bytes(0, 2).length);
        shell.type("/watch");
        shell.awaitSaid("  #1 lecture@node-b");
        shell.type("/who"); // the session goes on meanwhile
        shell.awaitSaid("1 online");
        one.segments(lecture, 2, lecture.count(), 50_000);
        one.end(true, lecture.count(), null);
        shell.awaitSaid("* #1 all of lecture@node-b 480p from 0:00 to 0:10");
        assertArrayEquals(lecture.bytes(0, 5), Files.readAllBytes(first));

        Path second = here.resolve("second.ts");
        shell.type("/watch lecture@node-b --out " + second);
        shell.awaitSaid("  #2 watching lecture@node-b (480p, 0:10) into " + second);
        VideoNode.Stream two = held.poll(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> size(second) == lecture.bytes(0, 2).length);
        shell.type("/unwatch 2");
        assertEquals(two.watch.id(), videos.unwatched.poll(30, TimeUnit.SECONDS));
        shell.awaitSaid("* #2 stopped: lecture@node-b 480p from 0:00 to 0:04 (");
        assertArrayEquals(lecture.bytes(0, 2), Files.readAllBytes(second));

        shell.type("/watch nothing@node-b");
        shell.awaitSaid("! #3 nothing@node-b: no video 'nothing' on node-b (UNKNOWN_VIDEO)");
        shell.type("/watch lecture@node-b --start 9:99");
        shell.awaitSaid("! /watch: --start: a time is seconds (90), m:ss (1:30) or h:mm:ss (1:02:03), not '9:99'");
        shell.type("/unwatch 9");
        shell.awaitSaid("! no watch 9; /watch lists them");

        Path last = here.resolve("last.ts");
        shell.type("/watch lecture@node-b --out " + last);
        shell.awaitSaid("  #4 watching lecture@node-b");
        VideoNode.Stream four = held.poll(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> size(last) == lecture.bytes(0, 2).length);
        shell.type("/quit");
        assertEquals(1, shell.awaitExit(), "the refused watch counts as a failure: " + shell.said());
        assertEquals(four.watch.id(), videos.unwatched.poll(30, TimeUnit.SECONDS), "leaving stops the watch");
        shell.awaitSaid("* #4 stopped as the session ended: lecture@node-b 480p from 0:00 to 0:04 (");
        assertArrayEquals(lecture.bytes(0, 2), Files.readAllBytes(last));
    }
}
