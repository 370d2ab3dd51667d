package org.parley.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.files.FileHash;
import org.parley.node.Node;

/**
 * A file for a user of a node that is down: the sender's node keeps what fits in its outbox for
 * that node (4 MiB here) and refuses the rest with {@code QUEUE_FULL}. send-file waits and tries
 * again instead of giving up, and once the node is back the file arrives whole.
 */
class FileQueueFullTest {

    private static final int FILE_BYTES = 12 << 20;

    @TempDir
    Path data;

    @TempDir
    Path homes;

    private TwoNodes nodes;

    @BeforeEach
    void startNodes() throws Exception {
        nodes = new TwoNodes(data, Map.of("maxOutboxBytes", 4L << 20));
    }

    @AfterEach
    void stopNodes() throws Exception {
        nodes.close();
    }

    private String[] as(String user, Node node, String... command) {
        return TestNodes.as(homes, user, node, command);
    }

    @Test
    void sendFileWaitsWhileItsNodeIsFullForTheRecipientsNodeAndGoesOnWhenThatNodeIsBack() throws Exception {
        assertEquals(0, CliRun.run(as("bob", nodes.b, "who")).exitCode);
        await().atMost(Duration.ofSeconds(30)).until(() -> nodes.a.federation().directory().users().keySet().stream()
                .anyMatch(u -> u.name().equals("bob")));
        byte[] content = new byte[FILE_BYTES];
        new SecureRandom().nextBytes(content);
        Path file = Files.write(homes.resolve("backup.tar"), content);
        int port = nodes.b.port();
        TestNodes.stop(nodes.b);

        CliRun sending = CliRun.start(as("alice", nodes.a, "send-file", "bob@node-b", file.toString()));
        sending.awaitStderr("trying again");
        assertTrue(sending.stderr().contains("QUEUE_FULL") || sending.stderr().contains("wait for node node-b"),
                sending.stderr());
        Node b = nodes.startB(port);

        Path inbox = homes.resolve("bob-files");
        CliRun receiving = CliRun.run(as("bob", b, "receive-files", "--dir", inbox.toString(), "--count", "1",
                "--timeout", "120"));
        assertEquals(0, receiving.exitCode, receiving.stderr());
        assertEquals(0, sending.awaitExit(), sending.stderr());
        assertArrayEquals(FileHash.of(file), FileHash.of(inbox.resolve("backup.tar")));
    }
}
