package org.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.GroupRequest;
import org.parley.protocol.message.Send;

/**
 * A node that limits how fast a user goes answers {@code RATE_LIMITED} with when to try again: the
 * client says so in words and tries again by itself, so a script's send, group action or file
 * still succeeds. A node stands behind a {@link TamperingNode} that answers the first requests
 * with the refusal in its place.
 */
class RateLimitedTest {

    @TempDir
    static Path data;

    @TempDir
    Path homes;

    private static Vertx vertx;
    private static Node node;
    private TamperingNode limiting;

    @BeforeAll
    static void startNode() throws Exception {
        vertx = Vertx.vertx();
        node = TestNodes.start(vertx, Map.of("name", "node-a", "dataDir", data.toString(), "plaintext", true));
    }

    @AfterAll
    static void stopNode() throws Exception {
        TestNodes.stop(vertx, List.of(node));
    }

    @AfterEach
    void stopLimiting() throws Exception {
        if (limiting != null) {
            limiting.close();
        }
    }

    private String[] as(String user, int port, String... command) {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(port), "--user",
                user, "--home", homes.resolve(user).toString(), "--plaintext"));
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }

    /** Refuses the first {@code times} frames of {@code kind} with RATE_LIMITED, try again in 300 ms. */
    private AtomicInteger limit(Class<?> kind, int times) throws Exception {
        limiting = new TamperingNode(vertx, node.port());
        AtomicInteger refused = new AtomicInteger();
        limiting.answer = frame -> {
            if (!kind.isInstance(frame.header()) || refused.get() >= times) {
                return null;
            }
            refused.incrementAndGet();
            String ref = frame.header() instanceof Send send ? send.id() : ((GroupRequest) frame.header()).id();
            return List.of(ErrorFrame.rateLimited("too many messages", ref, 300));
        };
        return refused;
    }

    @Test
    void sendSaysTheNodeLimitsItWaitsAndSendsOnce() throws Exception {
        assertEquals(0, CliRun.run(as("bob", node.port(), "who")).exitCode);
        AtomicInteger refused = limit(Send.class, 2);
        CliRun listen = CliRun.start(as("bob", node.port(), "listen", "--count", "1", "--timeout", "30"));
        listen.awaitListening();

        CliRun send = CliRun.run(as("alice", limiting.port(), "send", "bob", "patience"));

        assertEquals(0, send.exitCode, send.stderr());
        assertEquals(2, refused.get());
        assertTrue(send.stderr().contains("parley: node-a is limiting you: too many messages (RATE_LIMITED); trying"
                + " again in 300 ms"), send.stderr());
        assertEquals(0, listen.awaitExit(), listen.stderr());
        assertEquals(1, listen.stdout().lines().count(), listen.stdout());
        assertTrue(listen.stdout().contains("alice@node-a: patience"), listen.stdout());
    }

    @Test
    void groupActionsAndFilesWaitAndGoOn() throws Exception {
        limit(GroupRequest.class, 1);
        CliRun create = CliRun.run(as("carol", limiting.port(), "group", "create", "slow"));
        assertEquals(0, create.exitCode, create.stderr());
        assertTrue(create.stderr().contains("node-a is limiting you"), create.stderr());
        limiting.close();

        limit(Send.class, 3);
        Path file = Files.write(homes.resolve("small.txt"), "a small file".getBytes());
        CliRun sendFile = CliRun.run(as("carol", limiting.port(), "send-file", "#slow", file.toString()));
        assertEquals(0, sendFile.exitCode, sendFile.stderr());
        assertTrue(sendFile.stderr().contains("node-a is limiting you: too many messages (RATE_LIMITED)"),
                sendFile.stderr());
    }
}
