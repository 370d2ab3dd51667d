package org.parley.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;

/**
 * The interactive session as a user drives it (a process of its own reading what is typed): after
 * its node comes back it sends what was typed meanwhile and sends files again, and it says why each
 * try to log in again failed; a piped session does not end before its messages left, and exits
 * non-zero if one failed; a 200 KB line is refused at once; the shortcuts and the receipt marks.
 */
class ShellTest {

    @TempDir
    Path data;

    @TempDir
    Path homes;

    private TwoNodes nodes;
    private ShellProcess shell;

    @BeforeEach
    void startNodes() throws Exception {
        nodes = new TwoNodes(data, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        if (shell != null) {
            shell.close();
        }
        nodes.close();
    }

    private ShellProcess session(String user, Node node) throws Exception {
        shell = ShellProcess.start(Map.of(), TestNodes.as(homes, user, node));
        return shell;
    }

    @Test
    void afterALoginAgainWhatWasTypedMeanwhileGoesAndFilesSend() throws Exception {
        assertEquals(0, CliRun.run(TestNodes.as(homes, "alice", nodes.a, "who")).exitCode);
        await().atMost(Duration.ofSeconds(30)).until(() -> nodes.b.federation().directory().users().keySet().stream()
                .anyMatch(u -> u.name().equals("alice")));
        ShellProcess bob = session("bob", nodes.b);
        bob.awaitSaid("Logged in as bob@node-b");

        int port = nodes.b.port();
        TestNodes.stop(nodes.b);
        bob.awaitSaid("! disconnected");
        bob.awaitSaid("! could not log in again: cannot connect to 127.0.0.1:" + port);
        bob.type("/msg alice@node-a typed while down");
        bob.awaitSaid("not connected: this waits and goes once you are logged in again (1 waiting)");
        nodes.startB(port);
        bob.awaitSaid("* logged in again as bob@node-b");
        bob.awaitSaid("sending the 1 command(s) you typed while disconnected");
        CliRun heard = CliRun.run(TestNodes.as(homes, "alice", nodes.a, "listen", "--count", "1", "--timeout", "30"));
        assertEquals(0, heard.exitCode, heard.stderr() + "\nthe session said:\n" + bob.said());
        assertTrue(heard.stdout().contains("bob@node-b: typed while down"), heard.stdout());

        byte[] content = new byte[70_000];
        new SecureRandom().nextBytes(content);
        Path file = Files.write(homes.resolve("notes.bin"), content);
        Path inbox = homes.resolve("alice-files");
        CliRun takes = CliRun.start(TestNodes.as(homes, "alice", nodes.a, "receive-files", "--dir", inbox.toString(),
                "--count", "1", "--timeout", "60"));
        takes.awaitStderr("receiving files as");
        bob.type("/file alice@node-a " + file);
        bob.awaitSaid("notes.bin (68.4 KiB) is with the network for alice@node-a");
        assertEquals(0, takes.awaitExit(), takes.stderr());
        assertArrayEquals(content, Files.readAllBytes(inbox.resolve("notes.bin")));
        assertEquals("rw-------", CliLimitsTest.mode(inbox.resolve("notes.bin")));
        assertEquals("rwx------", CliLimitsTest.mode(inbox));
        try (var left = Files.list(inbox)) {
            assertEquals(List.of(inbox.resolve("notes.bin")), left.toList(), "no .done or part files are left");
        }
        bob.type("/quit");
        assertEquals(0, bob.awaitExit(), bob.said());
    }

    @Test
    void aPipedSessionSendsBeforeItEndsAndExitsNonZeroIfAMessageFailed() throws Exception {
        assertEquals(0, CliRun.run(TestNodes.as(homes, "alice", nodes.a, "who")).exitCode);
        CliRun listen = CliRun.start(TestNodes.as(homes, "bob", nodes.a, "listen", "--count", "1", "--timeout", "60"));
        listen.awaitListening();

        ShellProcess piped = session("alice", nodes.a);
        piped.type("/msg bob from a pipe");
        piped.endInput();
        assertEquals(0, piped.awaitExit(), piped.said());
        assertEquals(0, listen.awaitExit(), listen.stderr());
        assertTrue(listen.stdout().contains("alice@node-a: from a pipe"), listen.stdout());

        ShellProcess failing = session("alice", nodes.a);
        failing.type("/msg nobody hello");
        failing.endInput();
        assertEquals(1, failing.awaitExit(), failing.said());
        assertTrue(failing.said().contains("! not sent to nobody"), failing.said());
    }

    @Test
    void aHugeLineIsRefusedAtOnceAndTheShortcutsAndReceiptMarksWork() throws Exception {
        assertEquals(0, CliRun.run(TestNodes.as(homes, "alice", nodes.a, "who")).exitCode);
        ShellProcess bob = session("bob", nodes.a);
        bob.awaitSaid("Logged in as bob@node-a");

        bob.type("/msg alice " + "x".repeat(200_000));
        bob.awaitSaid("that line is 200011 characters; the session takes at most 32768 (nothing was sent)");
        bob.type("@alice hello from the at sign");
        bob.awaitSaid("\u2713 alice: \"hello from the at sign\"");
        CliRun heard = CliRun.run(TestNodes.as(homes, "alice", nodes.a, "listen", "--count", "1", "--timeout", "30"));
        assertTrue(heard.stdout().contains("bob@node-a: hello from the at sign"), heard.stdout());
        bob.awaitSaid("\u2713\u2713 delivered to alice@node-a: \"hello from the at sign\"");

        assertEquals(0, CliRun.run(TestNodes.as(homes, "alice", nodes.a, "send", "bob", "lunch?")).exitCode);
        bob.awaitSaid("alice@node-a: lunch?");
        bob.type("/r yes please");
        CliRun answer = CliRun.run(TestNodes.as(homes, "alice", nodes.a, "listen", "--count", "1", "--timeout", "30"));
        assertTrue(answer.stdout().contains("bob@node-a: yes please"), answer.stdout());
        bob.type("/quit");
        assertEquals(0, bob.awaitExit(), bob.said());
    }
}
