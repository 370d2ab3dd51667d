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
import org.parley.client.files.FileHash;
import org.parley.node.Node;

/**
 * Transfers cut in the middle, with the real commands: by a restart of the recipient's node
 * (receive-files logs in again by itself), by receive-files ending before the file is whole (run
 * again, it resumes), and by a restart of the sender's node (send-file logs in again by itself).
 * Every time the file arrives whole, from where it stopped, not from the start.
 */
class FileResumeTest {

    private static final int FILE_BYTES = 24 << 20;

    @TempDir
    Path data;

    @TempDir
    Path homes;

    private TwoNodes nodes;
    private Node a;
    private Node b;

    @BeforeEach
    void startNodes() throws Exception {
        nodes = new TwoNodes(data, Map.of());
        a = nodes.a;
        b = nodes.b;
    }

    @AfterEach
    void stopNodes() throws Exception {
        nodes.close();
    }

    private String[] as(String user, Node node, String... command) {
        return TestNodes.as(homes, user, node, command);
    }

    private Path randomFile() throws Exception {
        byte[] content = new byte[FILE_BYTES];
        new SecureRandom().nextBytes(content);
        return Files.write(homes.resolve("video.mp4"), content);
    }

    private void registerBob() {
        assertEquals(0, CliRun.run(as("bob", b, "who")).exitCode);
        await().atMost(Duration.ofSeconds(30)).until(() -> a.federation().directory().users().keySet().stream()
                .anyMatch(u -> u.name().equals("bob")));
    }

    private static byte[] sha256(Path file) throws Exception {
        return FileHash.of(file);
    }

    private record Transfer(Path file, Path inbox, CliRun receiving, CliRun sending) {
    }

    /** bob on node-b receiving, alice on node-a sending: returns once a quarter of the file is on bob's disk. */
    private Transfer startTransferAndAwaitAQuarter() throws Exception {
        return startTransferAndAwaitAQuarter(120);
    }

    private Transfer startTransferAndAwaitAQuarter(int receiverTimeoutSeconds) throws Exception {
        registerBob();
        Path file = randomFile();
        Path inbox = homes.resolve("bob-files");
        CliRun receiving = CliRun.start(as("bob", b, "receive-files", "--dir", inbox.toString(), "--count", "1",
                "--timeout", String.valueOf(receiverTimeoutSeconds)));
        receiving.awaitStderr("receiving files as");
        CliRun sending = CliRun.start(as("alice", a, "send-file", "bob@node-b", file.toString()));
        await().atMost(Duration.ofSeconds(60)).until(() -> PartFiles.bytesIn(inbox) >= FILE_BYTES / 4);
        return new Transfer(file, inbox, receiving, sending);
    }

    @Test
    void receiveFilesLogsInAgainWhenItsNodeRestartsAndTheTransferGoesOn() throws Exception {
        Transfer t = startTransferAndAwaitAQuarter();
        CliRun receiving = t.receiving();

        int port = b.port();
        TestNodes.stop(b);
        receiving.awaitStderr("logging in again");
        b = nodes.startB(port);

        assertEquals(0, receiving.awaitExit(), receiving.stderr());
        assertTrue(receiving.stderr().contains("logged in again as bob@node-b"), receiving.stderr());
        assertArrayEquals(sha256(t.file()), sha256(t.inbox().resolve("video.mp4")));
        assertEquals(0, t.sending().awaitExit(), t.sending().stderr());
    }

    @Test
    void aTransferCutByReceiveFilesEndingResumesWhereItStoppedWhenItRunsAgain() throws Exception {
        // receive-files gives up at its --timeout while its node is down, with a quarter on disk
        Transfer t = startTransferAndAwaitAQuarter(15);
        int port = b.port();
        TestNodes.stop(b);
        assertEquals(3, t.receiving().awaitExit(), "timed out: " + t.receiving().stderr());
        assertTrue(t.receiving().stderr().contains("timed out"), t.receiving().stderr());
        b = nodes.startB(port);

        CliRun again = CliRun.run(as("bob", b, "receive-files", "--dir", t.inbox().toString(), "--count", "1",
                "--timeout", "120"));
        assertEquals(0, again.exitCode, again.stderr());
        assertTrue(again.stderr().contains("resuming video.mp4"), again.stderr());
        assertArrayEquals(sha256(t.file()), sha256(t.inbox().resolve("video.mp4")));
        assertEquals(0, t.sending().awaitExit(), t.sending().stderr());
    }

    @Test
    void aTransferCutByARestartOfTheSendersNodeGoesOnFromTheLastAcceptedChunk() throws Exception {
        Transfer t = startTransferAndAwaitAQuarter();
        Path file = t.file();
        Path inbox = t.inbox();
        CliRun receiving = t.receiving();
        CliRun sending = t.sending();

        int port = a.port();
        int s2sPort = a.s2sPort();
        TestNodes.stop(a);
        a = nodes.startA(port, s2sPort);

        assertEquals(0, sending.awaitExit(), sending.stderr());
        assertTrue(sending.stderr().contains("logging in again"), sending.stderr());
        assertEquals(0, receiving.awaitExit(), receiving.stderr());
        assertArrayEquals(sha256(file), sha256(inbox.resolve("video.mp4")));
    }
}
