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
import java.util.ArrayList;
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
        a = TestNodes.start(vertx, Map.of("name", "node-a", "dataDir", data.resolve("a").toString()));
        b = TestNodes.start(vertx, Map.of("name", "node-b", "dataDir", data.resolve("b").toString(),
                "peers", List.of("127.0.0.1:" + a.s2sPort())));
    }

    @AfterAll
    static void stopNodes() throws Exception {
        TestNodes.stop(vertx, List.of(b, a));
    }

    private String[] as(String user, Node node, String... command) {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(node.port()),
                "--user", user, "--home", homes.resolve(user).toString()));
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
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
        Path file = randomFile("week\u00071 notes.bin", 3 * 256 * 1024 + 1234);
        Path inbox = homes.resolve("bob-files");

        CliRun receiving = CliRun.start(as(bob, b, "receive-files", "--dir", inbox.toString(), "--count", "1",
                "--timeout", "60", "--json"));
        receiving.awaitStderr("receiving files as");
        CliRun sending = CliRun.run(as(alice, a, "send-file", bob + "@node-b", file.toString(), "--json"));
        assertEquals(0, sending.exitCode, sending.stderr());
        assertTrue(sending.stdout().contains("\"status\":\"accepted\""), sending.stdout());
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
        Path file = randomFile("x.txt", 10);
        CliRun toGroup = CliRun.run(as(alice, a, "send-file", "#team@node-a", file.toString()));
        assertEquals(1, toGroup.exitCode);
        assertTrue(toGroup.stderr().contains("one user for now"), toGroup.stderr());
        CliRun noOne = CliRun.run(as(alice, a, "send-file", "nobody@node-b", file.toString()));
        assertEquals(1, noOne.exitCode);
        assertTrue(noOne.stderr().contains("nobody@node-b"), noOne.stderr());
    }
}
