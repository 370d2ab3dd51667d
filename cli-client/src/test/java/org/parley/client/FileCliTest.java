package org.parley.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;

/** Files between users of two linked TLS nodes, with the real {@code send-file} and {@code receive-files}. */
class FileCliTest {

    @TempDir
    static Path data;

    @TempDir
    Path homes;

    private static Vertx vertx;
    private static Node a;
    private static Node b;

    @BeforeAll
    static void startNodes() throws Exception {
        vertx = Vertx.vertx();
        // node-a trusts node-b and the nodes linkedToA starts later
        a = TestNodes.start(vertx, Map.of("name", "node-a", "dataDir", data.resolve("a").toString()),
                Map.of("node-b", data.resolve("b"), "node-c", data.resolve("node-c"), "node-d", data.resolve("node-d")));
        b = TestNodes.start(vertx, Map.of("name", "node-b", "dataDir", data.resolve("b").toString(),
                "peers", List.of("127.0.0.1:" + a.s2sPort())), Map.of("node-a", data.resolve("a")));
    }

    @AfterAll
    static void stopNodes() throws Exception {
        TestNodes.stop(vertx, List.of(b, a));
    }

    private String[] as(String user, Node node, String... command) {
        return TestNodes.as(homes, user, node, command);
    }

    private static String unique(String name) {
        return name + Integer.toHexString(new SecureRandom().nextInt(1 << 20));
    }

    private Path randomFile(String name, int size) throws Exception {
        byte[] content = new byte[size];
        new SecureRandom().nextBytes(content);
        Path file = Files.createDirectories(homes.resolve("outbox")).resolve(name);
        Files.write(file, content);
        return file;
    }

    /** A node of its own linked to node-a that keeps {@code quota} bytes per user. */
    private static Node linkedToA(String name, int quota) throws Exception {
        return TestNodes.start(vertx, Map.of("name", name, "dataDir", data.resolve(name).toString(),
                "peers", List.of("127.0.0.1:" + a.s2sPort()), "mailboxMaxBytes", quota), Map.of("node-a", data.resolve("a")));
    }

    private void register(String user, Node node, Node seenBy) {
        assertEquals(0, CliRun.run(as(user, node, "who")).exitCode);
        await().atMost(Duration.ofSeconds(30)).until(() -> seenBy.federation().directory().users().keySet().stream()
                .anyMatch(u -> u.name().equals(user)));
    }

    @Test
    void aFileCrossesTwoNodesWithItsHashIntactAndASafeName() throws Exception {
        String alice = unique("alice");
        String bob = unique("bob");
        register(bob, b, a);
        Path file = randomFile("week\u00071 notes.bin", 3 * org.parley.client.files.FileSender.CHUNK_BYTES + 1234);
        Path inbox = homes.resolve("bob-files");

        CliRun receiving = CliRun.start(as(bob, b, "receive-files", "--dir", inbox.toString(), "--count", "1",
                "--timeout", "60", "--json"));
        receiving.awaitStderr("receiving files as");
        CliRun sending = CliRun.run(as(alice, a, "send-file", bob + "@node-b", file.toString(), "--json"));
        assertEquals(0, sending.exitCode, sending.stderr());
        assertTrue(sending.stdout().contains("\"status\":\"stored\""), sending.stdout());
        assertTrue(sending.stderr().contains("100%"), sending.stderr());

        assertEquals(0, receiving.awaitExit(), receiving.stderr());
        Path saved = inbox.resolve("week_1 notes.bin");
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(saved));
        assertTrue(receiving.stdout().contains("\"from\":\"" + alice + "@node-a\""), receiving.stdout());
        assertTrue(receiving.stdout().contains("\"bytes\":" + Files.size(file)), receiving.stdout());
        // the nodes never held it in clear
        assertTrue(receiving.stderr().contains("from " + alice + "@node-a"), receiving.stderr());
    }

    @Test
    void anOfflineRecipientGetsTheFileAtTheirNextLoginAndAPlainListenLeavesItThere() throws Exception {
        String alice = unique("alice");
        String bob = unique("bob");
        register(bob, b, a);
        Path file = randomFile("report.pdf", 600_000);
        CliRun sending = CliRun.run(as(alice, a, "send-file", bob + "@node-b", file.toString()));
        assertEquals(0, sending.exitCode, sending.stderr());

        // a listen does not take the file: it says it waits, and leaves it at the node
        CliRun listening = CliRun.run(as(bob, b, "listen", "--timeout", "2"));
        assertTrue(listening.stderr().contains("sent you the file 'report.pdf'"), listening.stderr());

        Path inbox = homes.resolve("bob-files");
        CliRun receiving = CliRun.run(as(bob, b, "receive-files", "--dir", inbox.toString(), "--count", "1",
                "--timeout", "60"));
        assertEquals(0, receiving.exitCode, receiving.stderr());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(inbox.resolve("report.pdf")));
        // a second file of the same name does not replace the first
        Path again = randomFile("report.pdf", 1000);
        assertEquals(0, CliRun.run(as(alice, a, "send-file", bob + "@node-b", again.toString())).exitCode);
        CliRun second = CliRun.run(as(bob, b, "receive-files", "--dir", inbox.toString(), "--count", "1",
                "--timeout", "60"));
        assertEquals(0, second.exitCode, second.stderr());
        assertArrayEquals(Files.readAllBytes(again), Files.readAllBytes(inbox.resolve("report (1).pdf")));
    }

    @Test
    void wrongUseGetsAClearError() throws Exception {
        String alice = unique("alice");
        CliRun missing = CliRun.run(as(alice, a, "send-file", "bob", homes.resolve("nope.txt").toString()));
        assertEquals(1, missing.exitCode);
        assertTrue(missing.stderr().contains("is not a file"), missing.stderr());
        CliRun folder = CliRun.run(as(alice, a, "send-file", "bob", homes.toString()));
        assertEquals(1, folder.exitCode);
        assertTrue(folder.stderr().contains("is a folder, not a file"), folder.stderr());
        Path file = randomFile("x.txt", 10);
        CliRun toEveryone = CliRun.run(as(alice, a, "send-file", "*", file.toString()));
        assertEquals(1, toEveryone.exitCode);
        assertTrue(toEveryone.stderr().contains("not to everyone"), toEveryone.stderr());
        CliRun noGroup = CliRun.run(as(alice, a, "send-file", "#nosuch@node-a", file.toString()));
        assertEquals(1, noGroup.exitCode);
        assertTrue(noGroup.stderr().contains("no group #nosuch@node-a"), noGroup.stderr());
        CliRun noOne = CliRun.run(as(alice, a, "send-file", "nobody@node-b", file.toString()));
        assertEquals(1, noOne.exitCode);
        assertTrue(noOne.stderr().contains("nobody@node-b"), noOne.stderr());
    }

    @Test
    void aFileSentToAGroupReachesEveryOtherMemberOnBothNodes() throws Exception {
        String alice = unique("alice");
        String bob = unique("bob");
        String carol = unique("carol");
        register(bob, b, a);
        register(carol, a, b);
        String team = "#" + unique("team") + "@node-a";
        assertEquals(0, CliRun.run(as(alice, a, "group", "create", team.substring(0, team.indexOf('@')))).exitCode);
        assertEquals(0, CliRun.run(as(bob, b, "group", "join", team)).exitCode);
        assertEquals(0, CliRun.run(as(carol, a, "group", "join", team)).exitCode);
        Path file = randomFile("slides.pdf", 2 * org.parley.client.files.FileSender.CHUNK_BYTES + 7);

        CliRun bobTakes = CliRun.start(as(bob, b, "receive-files", "--dir", homes.resolve("bob-files").toString(),
                "--count", "1", "--timeout", "60", "--json"));
        bobTakes.awaitStderr("receiving files as");
        CliRun sending = CliRun.run(as(alice, a, "send-file", team, file.toString()));
        assertEquals(0, sending.exitCode, sending.stderr());
        assertEquals(0, bobTakes.awaitExit(), bobTakes.stderr());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(homes.resolve("bob-files/slides.pdf")));
        assertTrue(bobTakes.stdout().contains("\"from\":\"" + alice + "@node-a\""), bobTakes.stdout());

        // carol was offline: the group's home kept it for her
        CliRun carolTakes = CliRun.run(as(carol, a, "receive-files", "--dir", homes.resolve("carol-files").toString(),
                "--count", "1", "--timeout", "60"));
        assertEquals(0, carolTakes.exitCode, carolTakes.stderr());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(homes.resolve("carol-files/slides.pdf")));
        // every piece was acknowledged before it exited: nothing waits for her, and the next run is quiet
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> a.mailboxes().waiting()
                .toCompletionStage().toCompletableFuture().get().entrySet().stream()
                .noneMatch(waiting -> waiting.getKey().startsWith(carol) && waiting.getValue() > 0));
        CliRun again = CliRun.run(as(carol, a, "receive-files", "--dir", homes.resolve("carol-files").toString(),
                "--timeout", "2"));
        assertEquals(3, again.exitCode, again.stderr());
        assertTrue(!again.stderr().contains("WARNING") && !again.stderr().contains("slides.pdf"), again.stderr());
    }

    @Test
    void aFileForAnOfflineUserStopsAtTheirNodesQuotaWithAClearError() throws Exception {
        Node c = linkedToA("node-c", 1 << 20);
        try {
            String alice = unique("alice");
            String dave = unique("dave");
            register(dave, c, a);
            Path small = randomFile("fits.bin", 300_000);
            assertEquals(0, CliRun.run(as(alice, a, "send-file", dave + "@node-c", small.toString())).exitCode);

            Path big = randomFile("too-big.iso", 3 << 20);
            CliRun refused = CliRun.run(as(alice, a, "send-file", dave + "@node-c", big.toString(),
                    "--timeout", "60"));
            assertEquals(1, refused.exitCode, refused.stderr());
            assertTrue(refused.stderr().contains(dave + "@node-c has as much waiting at their node as it keeps"
                    + " for one user"), refused.stderr());

            // what fitted is still there, whole
            CliRun receiving = CliRun.run(as(dave, c, "receive-files", "--dir", homes.resolve("dave").toString(),
                    "--count", "1", "--timeout", "60"));
            assertEquals(0, receiving.exitCode, receiving.stderr());
            assertArrayEquals(Files.readAllBytes(small), Files.readAllBytes(homes.resolve("dave/fits.bin")));
        } finally {
            TestNodes.stop(c);
        }
    }

    @Test
    void aRefusalOfOnlyTheLastPieceStillFailsTheSend() throws Exception {
        Node c = linkedToA("node-d", 1 << 20);
        try {
            String alice = unique("alice");
            String erin = unique("erin");
            register(erin, c, a);
            // the first piece fits in erin's 1 MiB, the second and last does not: node-a has accepted
            // every piece before node-d refuses one, and only node-d's answer says the file is not there
            Path file = randomFile("just-over.bin", org.parley.client.files.FileSender.CHUNK_BYTES + 100_000);
            CliRun refused = CliRun.run(as(alice, a, "send-file", erin + "@node-d", file.toString(),
                    "--timeout", "60"));
            assertEquals(1, refused.exitCode, refused.stderr());
            assertTrue(refused.stderr().contains(erin + "@node-d has as much waiting at their node as it keeps"
                    + " for one user"), refused.stderr());
        } finally {
            TestNodes.stop(c);
        }
    }
}
