package org.parley.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.command.Terminal;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.Watch;

/**
 * {@code parley videos} and {@code parley watch} against a node that serves video from a script
 * ({@link VideoNode}): the table and the JSON of the videos; a watch writes every segment whole and
 * in order; a stream cut by the node, or by a drop of the connection, is watched again from the
 * first segment not whole, and the output holds no part of the cut segment; the node's refusals and
 * the user's mistakes are one line and a non-zero exit; {@code --start}, {@code --mixed} and
 * {@code --play} ask and write what they should.
 */
class WatchCliTest extends VideoNodeTest {

    @TempDir
    Path homes;

    private final TestVideo lecture = TestVideo.of("lecture@node-b", 5, "240p", "480p");

    private String[] as(String user, String... command) {
        return as(homes, user, command);
    }

    /** Serves the whole of {@code video} to every watch, from the segment asked for. */
    private void serveWhole(TestVideo video) {
        videos.onWatch = (n, stream) -> serveRest(video, stream);
    }

    private static void serveRest(TestVideo video, VideoNode.Stream stream) {
        int from = stream.watch.fromSegment() == null ? 0 : stream.watch.fromSegment();
        video.began(stream, from);
        stream.segments(video, from, video.count(), 40_000);
        stream.end(true, video.count(), null);
    }

    /** The first watch gets the segments before {@code upTo}, then {@code cut}; every later one the rest. */
    private void cutThenResume(int upTo, java.util.function.Consumer<VideoNode.Stream> cut) {
        videos.onWatch = (n, stream) -> {
            if (n > 0) {
                serveRest(lecture, stream);
                return;
            }
            lecture.began(stream, 0);
            stream.segments(lecture, 0, upTo, 40_000);
            cut.accept(stream);
        };
    }

    @Test
    void videosListsEveryVideoAsATableOrAsJson() throws Exception {
        TestVideo trailer = TestVideo.of("trailer@node-a", 2, "720p");
        videos.library = List.of(lecture.summary(), trailer.summary());

        CliRun table = CliRun.run(as("vera", "videos"));
        assertEquals(0, table.exitCode, table.stderr());
        List<String> lines = table.stdout().lines().toList();
        assertEquals(3, lines.size(), table.stdout());
        assertTrue(lines.get(0).matches("VIDEO +LENGTH +MIXED +RESOLUTIONS"), lines.get(0));
        assertTrue(lines.get(1).matches("lecture@node-b +0:10 +yes +240p \\(.* KiB, \\d+ kbit/s\\), 480p \\(.*\\)"),
                lines.get(1));
        assertTrue(lines.get(2).matches("trailer@node-a +0:04 +no +720p \\(.*\\)"), lines.get(2));

        CliRun json = CliRun.run(as("vera", "videos", "--json"));
        assertEquals(0, json.exitCode, json.stderr());
        List<String> objects = json.stdout().lines().toList();
        assertEquals(2, objects.size(), json.stdout());
        JsonNode first = WireJson.mapper().readTree(objects.get(0));
        assertEquals("lecture@node-b", first.get("video").asText());
        assertEquals(10_000, first.get("durationMillis").asLong());
        assertEquals(5, first.get("segments").asInt());
        assertTrue(first.get("mixed").asBoolean());
        assertEquals("480p", first.get("renditions").get(1).get("resolution").asText());
        assertEquals(480, first.get("renditions").get(1).get("height").asInt());
        assertEquals(lecture.size(), first.get("renditions").get(1).get("bytes").asLong());

        videos.listings.clear();
        CliRun one = CliRun.run(as("vera", "videos", "--node", "node-a"));
        assertEquals(0, one.exitCode, one.stderr());
        assertEquals("node-a", videos.listings.take().node());
        assertTrue(one.stdout().contains("trailer@node-a") && !one.stdout().contains("lecture"), one.stdout());
        videos.library = List.of();
        assertEquals("no videos on the network\n", CliRun.run(as("vera", "videos")).stdout());
    }

    @Test
    void aWatchWritesEverySegmentWholeAndInOrderAndExitsZero() throws Exception {
        serveWhole(lecture);
        Path out = homes.resolve("lecture.ts");

        CliRun run = CliRun.run(as("walt", "watch", "lecture@node-b", "--resolution", "480p", "--out", out.toString()));

        assertEquals(0, run.exitCode, run.stderr());
        Watch asked = videos.nextWatch();
        assertEquals("lecture@node-b", asked.video());
        assertEquals("480p", asked.resolution());
        assertNull(asked.mixed());
        assertNull(asked.startMillis());
        assertNull(asked.fromSegment());
        assertArrayEquals(lecture.bytes(0, 5), Files.readAllBytes(out));
        assertTrue(run.stderr().contains("parley: watching lecture@node-b (480p, 0:10) into " + out), run.stderr());
        assertTrue(run.stderr().matches("(?s).*lecture@node-b 480p: 0:10 / 0:10  [\\d.]+x real time  .*/s\n.*"),
                "the progress line ends at the end: " + run.stderr());
        assertTrue(run.stderr().endsWith("parley: all of lecture@node-b 480p from 0:00 to 0:10 ("
                + org.parley.client.output.ProgressLine.bytes(lecture.size()) + ") went to " + out + "\n"),
                run.stderr());
        assertEquals("", run.stdout(), "the stream's words go to stderr: stdout may be the stream");
    }

    @Test
    void aStreamTheNodeCutsIsWatchedAgainFromTheFirstSegmentNotWhole() throws Exception {
        cutThenResume(2, stream -> {
            stream.piece(lecture, 2, 0, 60_000, false); // half of segment 2, then the cut
            stream.end(false, 2, "the link to node-b dropped");
        });
        Path out = homes.resolve("cut.ts");

        CliRun run = CliRun.run(as("cora", "watch", "lecture@node-b", "--out", out.toString()));

        assertEquals(0, run.exitCode, run.stderr());
        assertNull(videos.nextWatch().fromSegment());
        Watch again = videos.nextWatch();
        assertEquals(2, again.fromSegment(), "resumed at the first segment not whole");
        assertEquals("lecture@node-b", again.video());
        assertArrayEquals(lecture.bytes(0, 5), Files.readAllBytes(out), "every segment once, none cut");
        assertTrue(run.stderr().contains("parley: lecture@node-b was interrupted (the link to node-b dropped);"
                + " resuming at segment 2 in 0.5 s"), run.stderr());
        assertTrue(run.stderr().contains("parley: resumed lecture@node-b at 0:04 (segment 2)"), run.stderr());
    }

    @Test
    void whenItsConnectionDropsItLogsInAgainAndGoesOnFromTheFirstSegmentNotWhole() throws Exception {
        cutThenResume(3, stream -> {
            stream.piece(lecture, 3, 0, 40_000, false);
            stream.drop(); // the node went away mid-segment
        });
        Path out = homes.resolve("dropped.ts");

        CliRun run = CliRun.run(as("dora", "watch", "lecture@node-b", "--out", out.toString()));

        assertEquals(0, run.exitCode, run.stderr());
        videos.nextWatch();
        assertEquals(3, videos.nextWatch().fromSegment());
        assertArrayEquals(lecture.bytes(0, 5), Files.readAllBytes(out));
        assertTrue(run.stderr().contains("parley: lecture@node-b was interrupted (the node closed the connection);"
                + " resuming at segment 3"), run.stderr());
    }

    @Test
    void aStreamCutAfterItsLastSegmentCameWholeIsComplete() throws Exception {
        cutThenResume(lecture.count(), stream -> stream.end(false, lecture.count(), "the link to node-b dropped"));
        Path out = homes.resolve("all.ts");

        CliRun run = CliRun.run(as("alma", "watch", "lecture@node-b", "--out", out.toString()));

        assertEquals(0, run.exitCode, run.stderr());
        assertArrayEquals(lecture.bytes(0, 5), Files.readAllBytes(out));
        videos.nextWatch();
        assertTrue(videos.watches.isEmpty(), "nothing was missing: no watch again");
        assertTrue(run.stderr().contains("parley: all of lecture@node-b 480p from 0:00 to 0:10"), run.stderr());
    }

    @Test
    void anErrorAboutAStreamUnderWayCutsItAndItResumes() throws Exception {
        cutThenResume(1, stream -> stream.refuse(ErrorCode.NODE_UNREACHABLE, "node-b stopped answering"));
        Path out = homes.resolve("erred.ts");

        CliRun run = CliRun.run(as("erin", "watch", "lecture@node-b", "--out", out.toString()));

        assertEquals(0, run.exitCode, run.stderr());
        videos.nextWatch();
        assertEquals(1, videos.nextWatch().fromSegment());
        assertArrayEquals(lecture.bytes(0, 5), Files.readAllBytes(out));
        assertTrue(run.stderr().contains("interrupted (node-b stopped answering (NODE_UNREACHABLE))"), run.stderr());
    }

    @Test
    void theNodesRefusalsAreOneLineAndExitOne() throws Exception {
        for (ErrorCode code : List.of(ErrorCode.UNKNOWN_VIDEO, ErrorCode.UNKNOWN_RESOLUTION, ErrorCode.NODE_UNREACHABLE,
                ErrorCode.TOO_MANY_STREAMS)) {
            videos.onWatch = (n, stream) -> stream.refuse(code, "refused as " + code.name().toLowerCase());
            Path out = homes.resolve(code + ".ts");

            CliRun run = CliRun.run(as("rita", "watch", "lecture@node-b", "--resolution", "480p", "--out",
                    out.toString()));

            assertEquals(1, run.exitCode, run.stderr());
            assertEquals("parley: refused as " + code.name().toLowerCase() + " (" + code + ")\n", run.stderr());
            assertFalse(Files.exists(out), "nothing is written for a stream that never began");
            assertEquals(1, videos.watches.size(), "a refused first watch is not tried again");
            videos.watches.clear();
        }
    }

    @Test
    void mistakesOnTheCommandLineAreUsageErrorsAndNothingIsAsked() {
        CliRun start = CliRun.run(as("mia", "watch", "lecture@node-b", "--start", "1:75"));
        assertEquals(2, start.exitCode);
        assertTrue(start.stderr().startsWith("--start: a time is seconds (90), m:ss (1:30) or h:mm:ss (1:02:03), not"
                + " '1:75'\n"), start.stderr());

        CliRun both = CliRun.run(as("mia", "watch", "lecture@node-b", "--resolution", "480p", "--mixed"));
        assertEquals(2, both.exitCode);
        assertTrue(both.stderr().startsWith("--resolution and --mixed do not go together"), both.stderr());

        CliRun nameless = CliRun.run(as("mia", "watch", "lecture"));
        assertEquals(2, nameless.exitCode);
        assertTrue(nameless.stderr().startsWith("a video is named NAME@NODE"), nameless.stderr());

        CliRun noPlayer = CliRun.runWith(Map.of("PATH", homes.toString()), Terminal.NONE,
                as("mia", "watch", "lecture@node-b", "--play"));
        assertEquals(1, noPlayer.exitCode);
        assertEquals("parley: --play needs ffplay on your PATH (Debian: apt install ffmpeg); or write a file with"
                + " --out FILE and play that\n", noPlayer.stderr());
        assertTrue(videos.watches.isEmpty());
    }

    @Test
    void startAsksForThePositionAndTheFileBeginsAtItsSegment() throws Exception {
        videos.onWatch = (n, stream) -> {
            int first = (int) (stream.watch.startMillis() / TestVideo.SEGMENT_MILLIS);
            lecture.began(stream, first);
            stream.segments(lecture, first, lecture.count(), 64_000);
            stream.end(true, lecture.count(), null);
        };
        Path out = homes.resolve("late.ts");

        CliRun run = CliRun.run(as("stan", "watch", "lecture@node-b", "--start", "0:05", "--out", out.toString()));

        assertEquals(0, run.exitCode, run.stderr());
        assertEquals(5_000, videos.nextWatch().startMillis());
        assertArrayEquals(lecture.bytes(2, 5), Files.readAllBytes(out));
        assertTrue(run.stderr().contains("(480p, 0:10, from 0:04)"), run.stderr());
        assertTrue(run.stderr().contains("from 0:04 to 0:10"), run.stderr());
    }

    @Test
    void playPipesTheStreamIntoFfplayAndWaitsForIt() throws Exception {
        serveWhole(lecture.mixedMode());
        Path bin = Files.createDirectories(homes.resolve("bin"));
        Path played = homes.resolve("played.ts");
        Path args = homes.resolve("args");
        Path player = Files.writeString(bin.resolve("ffplay"), "#!/bin/sh\necho \"$@\" > '" + args + "'\ncat > '"
                + played + "'\n");
        assertTrue(player.toFile().setExecutable(true));

        CliRun run = CliRun.runWith(Map.of("PATH", bin.toString()), Terminal.NONE,
                as("paul", "watch", "lecture@node-b", "--mixed", "--play"));

        assertEquals(0, run.exitCode, run.stderr());
        assertEquals(Boolean.TRUE, videos.nextWatch().mixed());
        assertArrayEquals(lecture.bytes(0, 5), Files.readAllBytes(played), "the player had it all before we left");
        assertTrue(Files.readString(args).strip().endsWith(" -"), Files.readString(args));
        assertTrue(run.stderr().contains("watching lecture@node-b (mixed: 240p, 480p, 0:10) into ffplay"),
                run.stderr());
    }
}
