package org.parley.client;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;

/**
 * What the client's video tests stand on: a real plaintext node for logging in, shared by a class's
 * tests, and in front of it a {@link VideoNode} per test, which serves video as the test scripts it.
 */
abstract class VideoNodeTest {

    @TempDir
    static Path data;

    private static Vertx vertx;
    private static Node node;
    /** The node the client talks to. */
    protected VideoNode videos;

    @BeforeAll
    static void startNode() throws Exception {
        vertx = Vertx.vertx();
        node = TestNodes.start(vertx, Map.of("name", "node-a", "dataDir", data.toString(), "plaintext", true));
    }

    @AfterAll
    static void stopNode() throws Exception {
        TestNodes.stop(vertx, List.of(node));
    }

    @BeforeEach
    void startVideos() throws Exception {
        videos = new VideoNode(vertx, node.port());
    }

    @AfterEach
    void stopVideos() throws Exception {
        videos.close();
    }

    /** The arguments of {@code parley COMMAND} run by {@code user}, with their home under {@code homes}, on {@link #videos}. */
    protected String[] as(Path homes, String user, String... command) {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(videos.port()),
                "--user", user, "--home", homes.resolve(user).toString(), "--plaintext"));
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }
}
