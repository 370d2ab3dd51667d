package org.parley.node.video;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.node.Cluster;
import org.parley.node.ClusterTest;
import org.parley.node.Node;
import org.parley.node.TestClient;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.VideoList;
import org.parley.protocol.message.VideosRequest;

/**
 * Listing videos across nodes: each node advertises its library in the signed directory, so a node
 * lists every node's videos without asking them, its own included, and a video that goes is no
 * longer listed anywhere.
 */
class VideoListingTest extends ClusterTest {

    @Test
    void aNodeWithNoVideosListsAnotherNodesVideos() throws Exception {
        // GIVEN node-a with two videos, and node-b with none
        ByteLibrary library = new ByteLibrary(root.resolve("library-a"));
        library.add("lecture", 3, 1000, "240p", "480p");
        library.add("concert", 2, 1000, false, "720p");
        cluster.library("node-a", library);
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        try (TestClient bob = TestClient.login(b.port(), "bob")) {
            cluster.awaitConverged(List.of("bob@node-b"));

            // WHEN bob asks node-b for the network's videos
            VideoList listed = awaitListing(bob, null, 2);

            // THEN he gets node-a's, by address, with their renditions
            assertEquals(List.of("concert@node-a", "lecture@node-a"),
                    listed.videos().stream().map(VideoList.VideoSummary::video).toList());
            VideoList.VideoSummary lecture = listed.videos().get(1);
            assertEquals(List.of("240p", "480p"),
                    lecture.renditions().stream().map(VideoList.RenditionSummary::resolution).toList());
            assertEquals(3, lecture.segments());
            assertEquals(3 * ByteLibrary.SEGMENT_MILLIS, lecture.durationMillis());
            assertEquals(true, lecture.mixed());
            assertEquals(false, listed.videos().get(0).mixed(), "one rendition, or unaligned ones, do not mix");
            assertEquals(library.video("lecture").orElseThrow().renditions().get(0).bytes(),
                    lecture.renditions().get(0).bytes());

            // AND asking for one node lists that node's only
            assertEquals(2, awaitListing(bob, "node-a", 2).videos().size());
            assertEquals(List.of(), awaitListing(bob, "node-b", 0).videos());
        }
    }

    @Test
    void aNodeListsItsOwnLibraryAndAVideoThatGoesIsListedNoMore() throws Exception {
        ByteLibrary library = new ByteLibrary(root.resolve("library-a"));
        library.add("lecture", 2, 1000, "480p");
        cluster.library("node-a", library);
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        try (TestClient alice = TestClient.login(a.port(), "alice");
             TestClient bob = TestClient.login(b.port(), "bob")) {
            cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));
            assertEquals(1, awaitListing(alice, null, 1).videos().size());
            awaitListing(bob, null, 1);

            // WHEN the video leaves node-a's library, and another comes
            library.remove("lecture");
            library.add("talk", 1, 1000, "240p");

            // THEN both nodes list the new one only
            assertEquals(List.of("talk@node-a"), awaitListing(bob, null, List.of("talk@node-a")).videos().stream()
                    .map(VideoList.VideoSummary::video).toList());
            awaitListing(alice, null, List.of("talk@node-a"));
        }
    }

    @Test
    void aBadNodeNameIsRefused() throws Exception {
        Node a = cluster.start("node-a");
        try (TestClient alice = TestClient.login(a.port(), "alice")) {
            alice.send(new VideosRequest("v1", "../node"));
            ErrorFrame refused = alice.awaitType(ErrorFrame.class);
            assertEquals(ErrorCode.BAD_REQUEST, refused.code());
            assertEquals("v1", refused.ref());
        }
    }

    /** Asks until the listing holds {@code count} videos (the directory converges meanwhile). */
    private static VideoList awaitListing(TestClient client, String node, int count) {
        VideoList[] last = new VideoList[1];
        await().atMost(Cluster.CONVERGE).until(() -> {
            last[0] = list(client, node);
            return last[0].videos().size() == count;
        });
        return last[0];
    }

    private static VideoList awaitListing(TestClient client, String node, List<String> addresses) {
        VideoList[] last = new VideoList[1];
        await().atMost(Cluster.CONVERGE).until(() -> {
            last[0] = list(client, node);
            return last[0].videos().stream().map(VideoList.VideoSummary::video).toList().equals(addresses);
        });
        return last[0];
    }

    private static VideoList list(TestClient client, String node) throws Exception {
        String id = "list-" + System.nanoTime();
        client.send(new VideosRequest(id, node));
        VideoList answer;
        do {
            answer = client.awaitType(VideoList.class);
        } while (!answer.id().equals(id));
        return answer;
    }
}
