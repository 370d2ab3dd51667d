package org.parley.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.media.DecodedVideo;
import org.parley.node.media.Rendition;
import org.parley.node.media.Resolution;
import org.parley.node.media.TestClips;
import org.parley.protocol.frame.WireJson;

/**
 * The real {@code parley videos} and {@code parley watch}, over TLS, against two real linked nodes:
 * node-a holds a real clip ({@link TestClips}: three resolutions with shared keyframes), a user of
 * node-b lists it and watches it, and what the command wrote is decoded as a player would
 * ({@link DecodedVideo}): each resolution with its source's pictures, the mixed mode cleanly with
 * every resolution in it, {@code --start} from its keyframe; an unknown video, resolution or node, or a
 * start past the end, is one line naming the node's error and exit code 1; the shell's {@code /watch} does the same in the
 * background.
 */
class VideoAcrossNodesCliTest {

    private static final String CLIP = "clip@node-a";
    private static final long FRAMES_PER_SEGMENT = (long) TestClips.FRAME_RATE * TestClips.SEGMENT_SECONDS;

    @TempDir
    static Path data;

    @TempDir
    Path homes;

    private static TwoNodes nodes;
    /** The clip's renditions as node-a's media folder holds them, lowest first. */
    private static List<Path> sources;

    @BeforeAll
    static void aClipOnNodeA() throws Exception {
        Path media = data.resolve("media-a");
        sources = TestClips.write(media, "clip");
        nodes = new TwoNodes(data.resolve("nodes"), Map.of(), Map.of("node-a", Map.of("media", Map.of(
                "mediaDir", media.toString(), "segmentSeconds", TestClips.SEGMENT_SECONDS))), TwoNodes.Route.DIRECT);
        await().atMost(Duration.ofSeconds(30)).until(() -> !nodes.b.federation().directory().videos()
                .getOrDefault("node-a", List.of()).isEmpty());
    }

    @AfterAll
    static void stopNodes() throws Exception {
        nodes.close();
    }

    /** {@code parley COMMAND} as {@code user} of node-b. */
    private String[] onB(String user, String... command) {
        return TestNodes.as(homes, user, nodes.b, command);
    }

    private static String resolution(int rung) {
        return TestClips.LADDER.get(rung).toString();
    }

    @Test
    void videosOnNodeBListsNodeAsClipAsATableAndAsJson() throws Exception {
        CliRun table = CliRun.run(onB("vera", "videos"));

        assertEquals(0, table.exitCode, table.stderr());
        List<String> lines = table.stdout().lines().toList();
        assertEquals(2, lines.size(), table.stdout());
        assertTrue(lines.get(0).matches("VIDEO +LENGTH +MIXED +RESOLUTIONS"), lines.get(0));
        assertTrue(lines.get(1).matches("clip@node-a +0:04 +yes +96p \\(.*\\), 144p \\(.*\\), 216p \\(.*\\)"),
                lines.get(1));

        CliRun json = CliRun.run(onB("vera", "videos", "--json"));
        assertEquals(0, json.exitCode, json.stderr());
        List<String> objects = json.stdout().lines().toList();
        assertEquals(1, objects.size(), json.stdout());
        JsonNode clip = WireJson.mapper().readTree(objects.get(0));
        assertEquals(CLIP, clip.get("video").asText());
        assertEquals(TestClips.SECONDS * 1000L, clip.get("durationMillis").asLong());
        assertEquals(TestClips.SEGMENTS, clip.get("segments").asInt());
        assertTrue(clip.get("mixed").asBoolean());
        List<Rendition> held = nodes.a.videoLibrary().video("clip").orElseThrow().renditions();
        for (int i = 0; i < TestClips.LADDER.size(); i++) {
            JsonNode rendition = clip.get("renditions").get(i);
            assertEquals(resolution(i), rendition.get("resolution").asText());
            assertEquals(TestClips.LADDER.get(i).height(), rendition.get("height").asInt());
            assertEquals(held.get(i).bytes(), rendition.get("bytes").asLong(), "the bytes node-a streams");
        }

        CliRun ofNodeA = CliRun.run(onB("vera", "videos", "--node", "node-a"));
        assertEquals(0, ofNodeA.exitCode, ofNodeA.stderr());
        assertTrue(ofNodeA.stdout().contains(CLIP), ofNodeA.stdout());
        CliRun ofNodeB = CliRun.run(onB("vera", "videos", "--node", "node-b"));
        assertEquals(0, ofNodeB.exitCode, ofNodeB.stderr());
        assertFalse(ofNodeB.stdout().contains(CLIP), ofNodeB.stdout());
    }

    @Test
    void eachResolutionWatchedFromNodeBDecodesAsItsSource() throws Exception {
        for (int i = 0; i < TestClips.LADDER.size(); i++) {
            Path out = homes.resolve("clip_" + resolution(i) + ".ts");

            CliRun run = CliRun.run(onB("walt", "watch", CLIP, "--resolution", resolution(i), "--out",
                    out.toString()));

            assertEquals(0, run.exitCode, run.stderr());
            assertTrue(run.stderr().endsWith("parley: all of " + CLIP + " " + resolution(i) + " from 0:00 to 0:04 ("
                    + org.parley.client.output.ProgressLine.bytes(Files.size(out)) + ") went to " + out + "\n"),
                    run.stderr());
            DecodedVideo source = DecodedVideo.of(sources.get(i));
            DecodedVideo watched = DecodedVideo.of(out);
            assertEquals(TestClips.FRAMES, source.frames());
            assertEquals(source.frames(), watched.frames(), resolution(i));
            assertEquals(source.durationMillis(), watched.durationMillis(), resolution(i));
            assertEquals(List.of(TestClips.LADDER.get(i).height()), List.copyOf(watched.framesByHeight().keySet()));
            assertEquals(List.of(), watched.errors(), resolution(i));
        }
    }

    @Test
    void theMixedModeDecodesWithoutErrorsAndHasEveryResolution() throws Exception {
        Path out = homes.resolve("mixed.ts");

        CliRun run = CliRun.run(onB("mona", "watch", CLIP, "--mixed", "--out", out.toString()));

        assertEquals(0, run.exitCode, run.stderr());
        assertTrue(run.stderr().contains("parley: watching " + CLIP + " (mixed: 96p, 144p, 216p, 0:04) into " + out),
                run.stderr());
        DecodedVideo mixed = DecodedVideo.of(out);
        assertEquals(List.of(), mixed.errors());
        assertEquals(TestClips.FRAMES, mixed.frames());
        assertEquals(TestClips.LADDER.stream().map(Resolution::height).toList(),
                List.copyOf(mixed.framesByHeight().keySet()));
    }

    @Test
    void startBeginsAtTheKeyframeAtOrBeforeIt() throws Exception {
        Path whole = homes.resolve("whole.ts");
        Path late = homes.resolve("late.ts");
        assertEquals(0, CliRun.run(onB("stan", "watch", CLIP, "--resolution", "144p", "--out", whole.toString()))
                .exitCode);

        CliRun run = CliRun.run(onB("stan", "watch", CLIP, "--resolution", "144p", "--start", "2.5", "--out",
                late.toString()));

        assertEquals(0, run.exitCode, run.stderr());
        assertTrue(run.stderr().contains("(144p, 0:04, from 0:02)"), run.stderr());
        DecodedVideo fromStart = DecodedVideo.of(late);
        assertTrue(fromStart.firstIsKey());
        assertEquals(2000, fromStart.firstMillis() - DecodedVideo.of(whole).firstMillis());
        assertEquals(2 * FRAMES_PER_SEGMENT, fromStart.frames());
        assertEquals(List.of(), fromStart.errors());
    }

    @Test
    void anUnknownVideoResolutionOrNodeOrAStartPastTheEndIsOneLineWithTheNodesErrorAndExitOne() throws Exception {
        Map<String, List<String>> refusals = Map.of(
                "parley: node node-a has no video nope (UNKNOWN_VIDEO)\n", List.of("nope@node-a"),
                "parley: clip has no 1080p rendition; it has 96p, 144p, 216p (UNKNOWN_RESOLUTION)\n", List.of(CLIP, "--resolution", "1080p"),
                "parley: there is no node node-z on the network (NODE_UNREACHABLE)\n", List.of("clip@node-z"),
                "parley: clip is 0:04 long: it cannot start at 0:09 (BAD_REQUEST)\n", List.of(CLIP, "--start", "9"));
        for (Map.Entry<String, List<String>> refusal : refusals.entrySet()) {
            Path out = homes.resolve("refused.ts");
            List<String> command = new java.util.ArrayList<>(List.of("watch"));
            command.addAll(refusal.getValue());
            command.addAll(List.of("--out", out.toString()));

            CliRun run = CliRun.run(onB("rita", command.toArray(String[]::new)));

            assertEquals(1, run.exitCode, run.stderr());
            assertEquals(refusal.getKey(), run.stderr());
            assertFalse(Files.exists(out), "nothing is written for a stream that never began");
        }
    }

    @Test
    void theShellsWatchRunsInTheBackgroundAndItsFileDecodes() throws Exception {
        Path here = Files.createDirectories(homes.resolve("here"));
        try (ShellProcess shell = ShellProcess.startIn(here, Map.of(), onB("sam"))) {
            shell.awaitSaid("Logged in as sam@node-b");

            shell.type("/videos");
            shell.awaitSaid("  " + CLIP + " ");
            shell.type("/watch " + CLIP + " --resolution 216p");

            Path out = here.resolve("clip_216p.ts");
            shell.awaitSaid("  #1 watching " + CLIP + " (216p, 0:04) into " + out);
            shell.awaitSaid("* #1 all of " + CLIP + " 216p from 0:00 to 0:04");
            DecodedVideo watched = DecodedVideo.of(out);
            assertEquals(DecodedVideo.of(sources.get(2)).frames(), watched.frames());
            assertEquals(List.of(), watched.errors());
            shell.type("/quit");
            assertEquals(0, shell.awaitExit(), shell.said());
        }
    }
}
