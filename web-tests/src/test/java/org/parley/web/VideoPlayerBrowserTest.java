package org.parley.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.media.transcode.Ladder;
import org.parley.node.media.transcode.TestCard;
import org.parley.node.media.transcode.VideoImport;

/**
 * A video homed on node-b, played in Debian's Chromium in a page logged in on node-a: hls.js fetches
 * node-a's playlists and segments over HTTPS with the page's video pass, and node-a streams each
 * segment from node-b over the link. The clip is a test card in three renditions, a keyframe every
 * second, cut into 1 s segments: small enough to encode in a moment, long enough to switch and seek.
 */
class VideoPlayerBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CLIP = "clip@node-b";
    private static final int SECONDS = 16;
    private static final String PLAYER = "document.querySelector('#video-player')";

    @TempDir
    static Path data;

    private static LinkedNodes nodes;
    private static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        Path media = data.resolve("media-b");
        Ladder ladder = Ladder.parse("96p,144p,216p");
        try (TestCard card = new TestCard(ladder.highest().height(), 24, SECONDS)) {
            VideoImport.run(card, "clip", ladder, null, 1000, media);
        }
        nodes = new LinkedNodes(data.resolve("nodes"), Map.of("media", Map.of("mediaDir", media.toString(),
                "segmentSeconds", 1)));
        await().atMost(WAIT).until(() -> nodes.a.federation().directory().videos().getOrDefault("node-b", List.of())
                .stream().anyMatch(video -> video.name().equals("clip")));
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aVideoOfNodeBPlaysOnNodeAsPageAtThePickedResolutionAutomaticallyAndFromWhereItIsSought() throws Exception {
        WebUser vera = WebUser.register(chromium, "vera", nodes.a);
        assertTrue(vera.evaluate("MediaSource.isTypeSupported('video/mp4; codecs=\"avc1.42E01E\"')").asBoolean(),
                "Chromium plays H.264 through Media Source Extensions");

        // GIVEN the list of every node's videos, with their resolutions
        vera.click("#open-videos");
        vera.awaitText(".video-item[data-video='" + CLIP + "']", "96p · 144p · 216p");

        // WHEN vera plays it in the automatic (mixed) mode, which starts low and climbs as the bandwidth allows
        double firstFrameMillis = vera.evaluate("""
                new Promise((resolve) => {
                  const video = %s;
                  const clicked = performance.now();
                  video.requestVideoFrameCallback(() => resolve(performance.now() - clicked));
                  document.querySelector(".video-item[data-video='%s']").click();
                })""".formatted(PLAYER, CLIP)).asDouble();
        System.out.printf("Time to first frame of %s in Chromium, on node-a over loopback: %.0f ms%n", CLIP,
                firstFrameMillis);

        // THEN it plays, and changes rendition while it goes on playing
        awaitPlaying(vera);
        int firstHeight = height(vera);
        await().atMost(WAIT).until(() -> height(vera) != firstHeight);
        int climbedTo = height(vera);
        awaitPlaying(vera);
        assertTrue(List.of(96, 144, 216).contains(firstHeight) && List.of(96, 144, 216).contains(climbedTo),
                firstHeight + " then " + climbedTo);
        System.out.printf("The automatic mode played %dp, then %dp%n", firstHeight, climbedTo);
        vera.awaitText("#video-status", "(auto)");

        // WHEN she picks 144p, THEN 144p is what is shown, and it plays on
        vera.select("#video-quality", "1");
        await().atMost(WAIT).until(() -> height(vera) == 144);
        awaitPlaying(vera);
        vera.awaitText("#video-status", "Playing 144p");

        // WHEN she seeks to 10 s, THEN it plays on from there
        vera.evaluate(PLAYER + ".currentTime = 10");
        await().atMost(WAIT).until(() -> currentTime(vera) >= 10.3);
        awaitPlaying(vera);
        assertEquals(144, height(vera));
        vera.screenshot("web-video");
        assertTrue(chromium.logs("vera").stream().noneMatch(line -> line.startsWith("error:")),
                chromium.logs("vera").toString());
        assertEquals(401, vera.evaluate("fetch('/video/node-b/clip/master.m3u8').then(r => r.status)").asInt(),
                "the page's own fetch without the pass is refused");
    }

    /** Waits until the picture moves on: currentTime advances by half a second, not paused, not ended. */
    private static void awaitPlaying(WebUser user) {
        double from = currentTime(user);
        await().atMost(WAIT).until(() -> currentTime(user) >= from + 0.5);
    }

    private static double currentTime(WebUser user) {
        return user.evaluate(PLAYER + ".currentTime").asDouble();
    }

    private static int height(WebUser user) {
        return user.evaluate(PLAYER + ".videoHeight").asInt();
    }
}
