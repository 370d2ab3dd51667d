package org.parley.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.client.files.FileHash;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;

/**
 * Files in the interactive session, driven as a user would type (the shell is a process of its
 * own, reading commands from its standard input): a file sent while bob was offline is offered
 * when he logs in, /accept saves it, /decline deletes another, /file sends one back; a /file under
 * way when bob's node restarts goes on once the shell has logged in again.
 */
class ShellFilesTest {

    @TempDir
    Path data;

    @TempDir
    Path homes;

    private TwoNodes nodes;
    private Node a;
    private Node b;
    private ShellProcess shell;
    
    @BeforeEach
    void startNodes() throws Exception {
        nodes = new TwoNodes(data, Map.of());
        a = nodes.a;
        b = nodes.b;
    }

    @AfterEach
    void stop() throws Exception {
        if (shell != null) {
            shell.close();
        }
        nodes.close();
    }

    private Path randomFile(String name, int size) throws Exception {
        byte[] content = new byte[size];
        new SecureRandom().nextBytes(content);
        return Files.write(Files.createDirectories(homes.resolve("outbox")).resolve(name), content);
    }

    /** Starts bob's interactive session as its own process, its output gathered line by line. */
    private ShellProcess startShell(Path filesDir, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(b.port()), "--user",
                "bob", "--home", homes.resolve("bob").toString(), "--files-dir", filesDir.toString()));
        args.addAll(List.of(more));
        shell = ShellProcess.start(Map.of("PARLEY_PASSPHRASE", "bob's passphrase"), args.toArray(String[]::new));
        return shell;
    }

    private String said() {
        return shell.said();
    }

    private void awaitSaid(String text) {
        shell.awaitSaid(text);
    }

    private static void type(ShellProcess in, String line) throws Exception {
        in.type(line);
    }

    @Test
    void offeredFilesAreAcceptedOrDeclinedAndFileSendsOne() throws Exception {
        assertEquals(0, CliRun.run(TestNodes.as(homes, "bob", b, "who")).exitCode);
        await().atMost(Duration.ofSeconds(30)).until(() -> a.federation().directory().users().keySet().stream()
                .anyMatch(u -> u.name().equals("bob")));
        Path report = randomFile("report.bin", 2 * org.parley.client.files.FileSender.CHUNK_BYTES + 99);
        Path unwanted = randomFile("unwanted.exe", 5000);
        assertEquals(0, CliRun.run(TestNodes.as(homes, "alice", a, "send-file", "bob@node-b", report.toString()))
                .exitCode);
        assertEquals(0, CliRun.run(TestNodes.as(homes, "alice", a, "send-file", "bob@node-b",
                unwanted.toString())).exitCode);

        Path files = homes.resolve("bob-files");
        ShellProcess in = startShell(files);
        awaitSaid("offers report.bin");
        awaitSaid("offers unwanted.exe");
        awaitSaid("report.bin from alice@node-a is all here");
        assertFalse(Files.exists(files.resolve("report.bin")), "nothing is named before the user says yes");
        type(in, "/accept 1");
        awaitSaid("saved " + files.resolve("report.bin"));
        assertArrayEquals(Files.readAllBytes(report), Files.readAllBytes(files.resolve("report.bin")));
        type(in, "/decline 2");
        awaitSaid("declined unwanted.exe");
        type(in, "/files"); // a declined file is no longer listed
        awaitSaid("1. report.bin");
        assertFalse(said().contains("2. unwanted.exe"), said());
        await().atMost(Duration.ofSeconds(30)).until(() -> CliRun.run(TestNodes.as(homes, "alice", a, "listen",
                "--timeout", "1")).stderr().contains("bob@node-b declined your file 'unwanted.exe'"));
        try (var names = Files.list(files)) {
            assertTrue(names.noneMatch(p -> p.getFileName().toString().contains("unwanted")
                    || p.getFileName().toString().endsWith(".part")));
        }

        Path answer = randomFile("answer.txt", 12_345);
        CliRun aliceTakes = CliRun.start(TestNodes.as(homes, "alice", a, "receive-files", "--dir",
                homes.resolve("alice-files").toString(), "--count", "1", "--timeout", "60"));
        aliceTakes.awaitStderr("receiving files as");
        type(in, "/file alice@node-a " + answer);
        awaitSaid("answer.txt (12.1 KiB) is with the network for alice@node-a");
        assertEquals(0, aliceTakes.awaitExit(), aliceTakes.stderr());
        assertArrayEquals(Files.readAllBytes(answer), Files.readAllBytes(homes.resolve("alice-files/answer.txt")));

        type(in, "/accept 7");
        awaitSaid("! no file 7; /files lists them");
        type(in, "/quit");
        assertEquals(0, shell.awaitExit(), said());
    }

    @Test
    void withAcceptFilesEveryOfferedFileIsSavedWithoutAsking() throws Exception {
        assertEquals(0, CliRun.run(TestNodes.as(homes, "bob", b, "who")).exitCode);
        await().atMost(Duration.ofSeconds(30)).until(() -> a.federation().directory().users().keySet().stream()
                .anyMatch(u -> u.name().equals("bob")));
        Path files = homes.resolve("bob-files");
        ShellProcess in = startShell(files, "--accept-files");
        awaitSaid("Logged in as bob@node-b");
        Path photo = randomFile("photo.jpg", 70_000);
        assertEquals(0, CliRun.run(TestNodes.as(homes, "alice", a, "send-file", "bob@node-b", photo.toString()))
                .exitCode);
        awaitSaid("saved " + files.resolve("photo.jpg"));
        assertFalse(said().contains("/accept 1"), said());
        assertArrayEquals(Files.readAllBytes(photo), Files.readAllBytes(files.resolve("photo.jpg")));
        type(in, "/quit");
        shell.awaitExit();
    }

    @Test
    void aFileSentFromTheShellGoesOnAfterItsNodeRestartsAndTheShellLogsInAgain() throws Exception {
        assertEquals(0, CliRun.run(TestNodes.as(homes, "alice", a, "who")).exitCode);
        await().atMost(Duration.ofSeconds(30)).until(() -> b.federation().directory().users().keySet().stream()
                .anyMatch(u -> u.name().equals("alice")));
        Path video = randomFile("video.mp4", 24 << 20);
        Path inbox = homes.resolve("alice-files");
        CliRun aliceTakes = CliRun.start(TestNodes.as(homes, "alice", a, "receive-files", "--dir", inbox.toString(),
                "--count", "1", "--timeout", "120"));
        aliceTakes.awaitStderr("receiving files as");
        ShellProcess in = startShell(homes.resolve("bob-files"));
        awaitSaid("Logged in as bob@node-b");
        type(in, "/file alice@node-a " + video);
        await().atMost(Duration.ofSeconds(60)).until(() -> PartFiles.bytesIn(inbox) >= (6 << 20));

        int port = b.port();
        TestNodes.stop(b);
        awaitSaid("! disconnected");
        b = nodes.startB(port);
        awaitSaid("* logged in again as bob@node-b");
        awaitSaid("video.mp4 (24.0 MiB) is with the network for alice@node-a");
        assertEquals(0, aliceTakes.awaitExit(), aliceTakes.stderr());
        assertArrayEquals(FileHash.of(video), FileHash.of(inbox.resolve("video.mp4")));

        // and the session goes on as before: what is sent to bob now reaches this shell
        assertEquals(0, CliRun.run(TestNodes.as(homes, "alice", a, "send", "bob@node-b", "welcome back")).exitCode);
        awaitSaid("welcome back");
        type(in, "/quit");
        assertEquals(0, shell.awaitExit(), said());
    }
}
