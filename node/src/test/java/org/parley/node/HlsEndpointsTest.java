package org.parley.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.node.media.Resolution;
import org.parley.node.media.Segment;
import org.parley.node.media.TestClips;
import org.parley.protocol.message.VideoPass;
import org.parley.protocol.message.VideoPassRequest;

/**
 * The HLS endpoints a browser's player uses, on node-a's HTTPS port, for a clip homed on node-b:
 * the playlists are well formed and list what the library holds; a segment fetched through node-a is
 * the very bytes node-b holds (and so is one node-b serves from its own library); nothing is served
 * without a pass node-a gave a logged-in user.
 */
class HlsEndpointsTest extends ClusterTest {

    private static final Map<String, Object> TLS = Map.of("plaintext", false);

    private Node a;
    private Node b;
    private HttpClient http;

    @BeforeEach
    void aClipOnNodeBSeenFromNodeA(Vertx vertx) throws Exception {
        Path media = root.resolve("media-b");
        TestClips.write(media, "clip");
        b = cluster.start("node-b", Map.of("plaintext", false, "media", Map.of("mediaDir", media.toString(),
                "segmentSeconds", TestClips.SEGMENT_SECONDS)));
        a = cluster.start("node-a", TLS, b.s2sPort());
        cluster.awaitConverged(List.of());
        await().atMost(Cluster.CONVERGE).until(() -> a.federation().directory().videos()
                .getOrDefault("node-b", List.of()).stream().anyMatch(v -> v.name().equals("clip")));
        http = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false));
    }

    /** The sessions that asked for passes, kept open: a pass is good only while its holder is logged in. */
    private final List<TestClient> sessions = new java.util.ArrayList<>();

    @AfterEach
    void closeClient() throws Exception {
        http.close();
        for (TestClient session : sessions) {
            session.close();
        }
    }

    @Test
    void theMasterPlaylistHasAVariantPerRenditionAndEachMediaPlaylistEverySegment() throws Exception {
        String pass = passFor(a, "alice");

        Answer master = get(a, "/video/node-b/clip/master.m3u8", pass);

        assertEquals(200, master.status, master.text());
        assertEquals("application/vnd.apple.mpegurl", master.type);
        List<String> lines = master.text().lines().toList();
        assertEquals("#EXTM3U", lines.get(0));
        for (Resolution resolution : TestClips.LADDER) {
            int at = lines.indexOf(resolution + "/index.m3u8");
            assertTrue(at > 0, resolution + " is a variant:\n" + master.text());
            String info = lines.get(at - 1);
            assertTrue(info.startsWith("#EXT-X-STREAM-INF:BANDWIDTH="), info);
            assertTrue(info.matches(".*RESOLUTION=[0-9]+x" + resolution.height() + "(,.*)?"), info);
        }

        Answer media = get(a, "/video/node-b/clip/144p/index.m3u8", pass);
        assertEquals(200, media.status, media.text());
        List<String> playlist = media.text().lines().toList();
        assertEquals("#EXTM3U", playlist.get(0));
        assertTrue(playlist.contains("#EXT-X-TARGETDURATION:" + TestClips.SEGMENT_SECONDS), media.text());
        assertTrue(playlist.contains("#EXT-X-PLAYLIST-TYPE:VOD"), media.text());
        assertEquals("#EXT-X-ENDLIST", playlist.get(playlist.size() - 1));
        List<String> segments = playlist.stream().filter(line -> !line.startsWith("#")).toList();
        assertEquals(List.of("0.ts", "1.ts", "2.ts", "3.ts"), segments);
        assertEquals(TestClips.SEGMENTS, playlist.stream().filter(line -> line.equals("#EXTINF:1.000,")).count(),
                media.text());
    }

    @Test
    void aSegmentOfAVideoHomedOnAnotherNodeIsTheBytesItsHomeHolds() throws Exception {
        String pass = passFor(a, "alice");
        for (Resolution resolution : TestClips.LADDER) {
            for (int index : List.of(0, 2)) {
                Segment home = b.videoLibrary().video("clip").orElseThrow().rendition(resolution).orElseThrow()
                        .segments().get(index);

                Answer segment = get(a, "/video/node-b/clip/" + resolution + "/" + index + ".ts", pass);

                assertEquals(200, segment.status, segment.text());
                assertEquals("video/mp2t", segment.type);
                assertArrayEquals(Files.readAllBytes(home.file()), segment.body.getBytes(), resolution + " " + index);
            }
        }
        Segment own = b.videoLibrary().video("clip").orElseThrow().rendition(new Resolution(216)).orElseThrow()
                .segments().get(3);
        Answer atHome = get(b, "/video/node-b/clip/216p/3.ts", passFor(b, "bob"));
        assertArrayEquals(Files.readAllBytes(own.file()), atHome.body.getBytes(), "a video of the node's own library");
        assertEquals(404, get(a, "/video/node-b/clip/144p/4.ts", pass).status, "past the last segment");
        assertEquals(404, get(a, "/video/node-b/clip/720p/0.ts", pass).status, "no such rendition");
        assertEquals(404, get(a, "/video/node-b/nothing/master.m3u8", pass).status, "no such video");
    }

    @Test
    void nothingIsServedWithoutAPassThisNodeGaveALoggedInUser() throws Exception {
        String pass = passFor(a, "alice");
        String otherNodes = passFor(b, "bob");
        String forged = pass.substring(0, pass.indexOf('.') + 1) + "AAAA" + pass.substring(pass.indexOf('.') + 5);
        for (String path : List.of("/video/node-b/clip/master.m3u8", "/video/node-b/clip/144p/index.m3u8",
                "/video/node-b/clip/144p/0.ts", "/video/node-b/nothing/master.m3u8")) {
            assertEquals(401, get(a, path, null).status, path + " without a pass");
            assertEquals(401, get(a, path, forged).status, path + " with an altered pass");
            assertEquals(401, get(a, path, otherNodes).status, path + " with another node's pass");
        }
        assertEquals(200, get(a, "/video/node-b/clip/master.m3u8", pass).status);
        // once its holder has no session left, the pass is good for nothing
        sessions.remove(0).close();
        await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> get(a, "/video/node-b/clip/master.m3u8", pass).status == 401);
    }

    private String passFor(Node node, String user) throws Exception {
        TestClient client = TestClient.loginTls(node.port(), user);
        sessions.add(client);
        client.send(new VideoPassRequest("p1"));
        VideoPass answer = client.awaitType(VideoPass.class);
        assertEquals("p1", answer.id());
        assertTrue(answer.expiresMillis() > System.currentTimeMillis());
        return answer.pass();
    }

    private record Answer(int status, String type, Buffer body) {
        String text() {
            return body.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private Answer get(Node node, String path, String pass) throws Exception {
        return http.request(HttpMethod.GET, node.webPort(), "127.0.0.1", path)
                .compose(request -> {
                    if (pass != null) {
                        request.putHeader("Authorization", "Bearer " + pass);
                    }
                    return request.send();
                })
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(),
                        response.getHeader("Content-Type"), body)))
                .await(30, TimeUnit.SECONDS);
    }
}
