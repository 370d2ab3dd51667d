package org.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;

/**
 * The smaller defects of issue 19 as a user met them: empty and oversized messages, long messages
 * on screen, --help and --version everywhere, and the modes of what the client keeps.
 */
class CliLimitsTest {

    @TempDir
    static Path dataDir;

    @TempDir
    Path homes;

    private static Vertx vertx;
    private static Node node;

    @BeforeAll
    static void startNode() throws Exception {
        vertx = Vertx.vertx();
        node = TestNodes.start(vertx, Map.of("name", "test", "dataDir", dataDir.toString()));
    }

    @AfterAll
    static void stopNode() throws Exception {
        TestNodes.stop(vertx, List.of(node));
    }

    private String[] as(String user, String... command) {
        return TestNodes.as(homes, user, node, command);
    }

    @Test
    void anEmptyMessageIsRefusedWithExitOne() {
        CliRun send = CliRun.run(as("alice", "send", "alice", ""));

        assertEquals(1, send.exitCode, send.stderr());
        assertEquals("parley: the message is empty; nothing was sent\n", send.stderr());
        assertEquals(1, CliRun.run(as("alice", "send", "alice", "  ")).exitCode);
    }

    @Test
    void aMessageOverTheLimitIsRefusedBeforeItLeavesAndALongOneIsShownShortened() throws Exception {
        CliRun tooBig = CliRun.run(as("carl", "send", "carl", "z".repeat(1_500_000)));
        assertEquals(1, tooBig.exitCode, tooBig.stderr());
        assertTrue(tooBig.stderr().contains("the message is 1.4 MiB, over the limit of 1000.0 KiB a message may carry;"
                + " nothing was sent"), tooBig.stderr());

        CliRun listen = CliRun.start(as("dina", "listen", "--count", "1", "--timeout", "30"));
        listen.awaitListening();
        String big = "w".repeat(1_000_000);
        CliRun sent = CliRun.run(as("carl", "send", "dina", big));
        assertEquals(0, sent.exitCode, sent.stderr());
        assertEquals(0, listen.awaitExit(), listen.stderr());
        assertTrue(listen.stdout().length() < 3000, "shown: " + listen.stdout().length() + " characters");
        assertTrue(listen.stdout().contains("[shortened: the message is 976.6 KiB; --json shows all of it]"));
    }

    @Test
    void everySubcommandTakesHelpAndVersion() {
        for (String[] command : List.of(new String[] {"group", "create", "--help"}, new String[] {"group", "kick", "--help"},
                new String[] {"group", "join", "--help"}, new String[] {"send", "--help"},
                new String[] {"receive-files", "--help"})) {
            CliRun help = CliRun.run(command);
            assertEquals(0, help.exitCode, String.join(" ", command) + ": " + help.stderr());
            assertTrue(help.stdout().startsWith("Usage: parley "), help.stdout());
        }
        CliRun version = CliRun.run("send", "--version");
        assertEquals(0, version.exitCode);
        assertEquals("parley 0.1.0", version.stdout().strip());
    }

    @Test
    void theHomeFolderAndWhatItHoldsAreTheOwnersOnly() throws Exception {
        Path home = homes.resolve("nested").resolve("erin");
        CliRun who = CliRun.run("--host", "127.0.0.1", "--port", String.valueOf(node.port()), "--user", "erin",
                "--home", home.toString(), "send", "erin", "a note to myself");
        assertEquals(0, who.exitCode, who.stderr());
        assertEquals("rwx------", mode(home));
        assertEquals("rwx------", mode(home.getParent()));
        try (var all = Files.walk(home)) {
            for (Path path : all.toList()) {
                assertEquals(Files.isDirectory(path) ? "rwx------" : "rw-------", mode(path), path.toString());
            }
        }
    }

    static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
