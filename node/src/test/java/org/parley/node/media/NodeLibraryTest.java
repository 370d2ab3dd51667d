package org.parley.node.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;
import org.parley.node.config.NodeConfigLoader;

/** A running node has the library of its media folder, or none without one. */
class NodeLibraryTest {

    @TempDir
    Path media;
    @TempDir
    Path data;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Node start(Map<String, Object> extra) throws Exception {
        Map<String, Object> settings = new HashMap<>(Map.of("name", "test", "host", "127.0.0.1", "port", 0,
                "s2sPort", 0, "dataDir", data.toString(), "eventLoops", 1, "plaintext", true));
        settings.putAll(extra);
        return Node.start(vertx, NodeConfigLoader.of(settings).load()).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void aNodeServesItsFolderAndAfterARestartServesItFromTheCacheAtOnce() throws Exception {
        TestClips.write(media, "clip");
        Map<String, Object> withMedia = Map.of("media.mediaDir", media.toString(), "media.segmentSeconds",
                TestClips.SEGMENT_SECONDS);
        Node node = start(withMedia);
        List<Video> served = ((FolderVideoLibrary) node.videoLibrary()).rescan().get(30, TimeUnit.SECONDS);
        assertEquals(List.of("clip"), served.stream().map(Video::name).toList());
        node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        Node restarted = start(withMedia);

        // Started means the cached renditions are served already: no scan to wait for.
        assertEquals(served, restarted.videoLibrary().videos());
        restarted.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aNodeWithoutAFolderServesNoVideos() throws Exception {
        Node node = start(Map.of());

        assertEquals(List.of(), node.videoLibrary().videos());
        node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
