package org.parley.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.federation.bulk.BulkLimits;
import org.parley.node.Node;
import org.parley.node.media.DecodedVideo;
import org.parley.node.media.Resolution;
import org.parley.node.media.transcode.Bitrate;
import org.parley.node.media.transcode.Ladder;
import org.parley.node.media.transcode.TestCard;
import org.parley.node.media.transcode.VideoImport;

/**
 * The holder of a video restarts while a user of another node watches it with the real
 * {@code parley watch}: the command resumes by itself from the next segment, and the file it leaves
 * decodes whole, every picture of the source once. The link between the nodes goes quiet just after
 * the film began ({@link HoldingProxy}), so the stream is under way at node-a, waiting for credit,
 * when node-a stops.
 */
class WatchHolderRestartTest {

    private static final int SECONDS = 6;
    private static final int FRAME_RATE = 24;
    /** What the encoder aims at: about 2.4 MB in all, twice what the nodes hold of one stream here. */
    private static final Bitrate BITRATE = new Bitrate(5_000_000);
    /** What passes from node-a once bob asked for the film, before the link goes quiet: its first pictures. */
    private static final long PASSED_BEFORE_HOLDING = 200_000;

    @TempDir
    Path data;

    @TempDir
    Path homes;

    private TwoNodes nodes;
    /** The link from node-b to node-a. */
    private HoldingProxy link;
    private Path source;

    @BeforeEach
    void aFilmOnNodeA() throws Exception {
        Path media = data.resolve("media-a");
        try (TestCard card = new TestCard(720, FRAME_RATE, SECONDS)) {
            source = VideoImport.run(card, "film", new Ladder(List.of(new Resolution(720))), BITRATE, 1000, media)
                    .get(0);
        }
        // node-b grants the least credit a stream may have: node-a sends at most a megabyte more than
        // node-b has passed on, so a film of a few seconds is still under way at node-a when its link
        // goes quiet.
        nodes = new TwoNodes(data.resolve("nodes"), Map.of(), Map.of("node-a", Map.of("media", Map.of(
                "mediaDir", media.toString(), "segmentSeconds", 1)), "node-b", Map.of("bulkWindowBytes",
                BulkLimits.MIN_WINDOW_BYTES)), (vertx, s2sPortOfA) -> {
                    link = new HoldingProxy(vertx, s2sPortOfA);
                    return link.port();
                });
        await().atMost(Duration.ofSeconds(30)).until(() -> !nodes.b.federation().directory().videos()
                .getOrDefault("node-a", List.of()).isEmpty());
    }

    @AfterEach
    void stopNodes() throws Exception {
        link.close(); // on the nodes' Vert.x, which closes with them
        nodes.close();
    }

    @Test
    void whenTheHolderRestartsMidStreamTheWatchResumesFromTheNextSegmentAndTheFileDecodesWhole() throws Exception {
        // GIVEN bob of node-b watches node-a's film, and the link between the nodes goes quiet as it begins
        Path out = homes.resolve("film.ts");
        link.holdAfter(PASSED_BEFORE_HOLDING);
        CliRun watching = CliRun.start(TestNodes.as(homes, "bob", nodes.b, "watch", "film@node-a", "--out",
                out.toString()));
        link.awaitHolding();

        // WHEN node-a stops and starts again, and the link passes what it held
        Node a = nodes.a;
        TestNodes.stop(a);
        nodes.startA(a.port(), a.s2sPort());
        link.release();

        // THEN the watch goes on by itself from the first segment it did not have whole
        assertEquals(0, watching.awaitExit(), watching.stderr());
        Matcher interrupted = Pattern.compile("parley: film@node-a was interrupted \\(.*\\); resuming at segment"
                + " (\\d+) in 0\\.5 s").matcher(watching.stderr());
        assertTrue(interrupted.find(), watching.stderr());
        int next = Integer.parseInt(interrupted.group(1));
        assertTrue(next < SECONDS, "cut mid-stream: " + watching.stderr());
        assertTrue(watching.stderr().contains("parley: resumed film@node-a at 0:0" + next + " (segment " + next
                + ")"), watching.stderr());
        assertTrue(watching.stderr().contains("parley: all of film@node-a 720p from 0:00 to 0:06"),
                watching.stderr());

        // AND the file holds every picture once, decoding cleanly
        DecodedVideo film = DecodedVideo.of(out);
        DecodedVideo original = DecodedVideo.of(source);
        assertEquals((long) SECONDS * FRAME_RATE, original.frames());
        assertEquals(original.frames(), film.frames());
        assertEquals(original.durationMillis(), film.durationMillis());
        assertEquals(List.of(), film.errors());
    }
}
