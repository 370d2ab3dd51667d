package org.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;
import org.parley.node.config.NodeConfigLoader;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.identity.Name;

/**
 * The real {@code parley} commands against a real node on port 0.
 */
class CliTest {

    @TempDir
    static Path dataDir;

    @TempDir
    Path homes;

    private static Vertx vertx;
    private static Node node;

    @BeforeAll
    static void startNode() throws Exception {
        vertx = Vertx.vertx();
        node = Node.start(vertx, NodeConfigLoader.of(Map.of("name", "test", "host", "127.0.0.1", "port", 0,
                        "s2sPort", 0, "dataDir", dataDir.toString(), "eventLoops", 2, "limits", "none")).load())
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopNode() throws Exception {
        node.stop().toCompletionStage().toCompletableFuture().get();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private String[] as(String user, String... command) {
        List<String> args = new java.util.ArrayList<>(List.of("--host", "127.0.0.1", "--port",
                String.valueOf(node.port()), "--user", user, "--home", homes.resolve(user).toString()));
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }

    @Test
    void aMessageSentWithSendIsPrintedByListenAsJson() throws Exception {
        CliRun listen = CliRun.start(as("bob", "listen", "--count", "1", "--timeout", "30", "--json"));
        listen.awaitListening();

        CliRun send = CliRun.run(as("alice", "send", "bob", "hello", "bob"));

        assertEquals(0, send.exitCode, send.stderr());
        assertEquals("", send.stdout());
        assertEquals(0, listen.awaitExit(), listen.stderr());
        JsonNode line = WireJson.mapper().readTree(listen.stdout().strip());
        assertEquals("alice@test", line.get("from").asText());
        assertEquals("bob@test", line.get("to").asText());
        assertEquals("hello bob", line.get("text").asText());
        assertTrue(line.get("id").asText().length() > 8);
    }

    @Test
    void listenPrintsReadableLinesAndBroadcastsReachIt() throws Exception {
        CliRun listen = CliRun.start(as("dora", "listen", "--count", "2", "--timeout", "30"));
        listen.awaitListening();

        assertEquals(0, CliRun.run(as("erin", "send", "dora", "first")).exitCode);
        CliRun broadcast = CliRun.run(as("erin", "send", "--json", "*", "to", "all"));

        assertEquals(0, broadcast.exitCode, broadcast.stderr());
        assertEquals("accepted", WireJson.mapper().readTree(broadcast.stdout()).get("status").asText());
        assertEquals(0, listen.awaitExit(), listen.stderr());
        String[] lines = listen.stdout().strip().split("\n");
        assertTrue(lines[0].endsWith("erin@test: first"), lines[0]);
        assertTrue(lines[1].endsWith("erin@test (to everyone): to all"), lines[1]);
    }

    @Test
    void whoListsUsersWithTheirStatus() throws Exception {
        CliRun listen = CliRun.start(as("frank", "listen", "--count", "1", "--timeout", "30"));
        listen.awaitListening();

        CliRun who = CliRun.run(as("gina", "who", "--json"));

        assertEquals(0, who.exitCode, who.stderr());
        List<String> users = who.stdout().lines().map(l -> {
            try {
                JsonNode json = WireJson.mapper().readTree(l);
                return json.get("user").asText() + " " + json.get("status").asText();
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertTrue(users.contains("frank@test online"), users.toString());
        assertTrue(users.contains("gina@test online"), users.toString());
        CliRun.run(as("gina", "send", "frank", "bye"));
        assertEquals(0, listen.awaitExit());
    }

    @Test
    void anUnknownRecipientIsOneLineOnStderrAndExitOne() {
        CliRun send = CliRun.run(as("olga", "send", "nobody", "hello?"));

        assertEquals(1, send.exitCode);
        assertEquals("parley: no user nobody@test (UNKNOWN_USER)\n", send.stderr());
    }

    @Test
    void deleteAccountNeedsYesThenFreesTheName() throws Exception {
        assertEquals(0, CliRun.run(as("pia", "who")).exitCode);

        CliRun unconfirmed = CliRun.run(as("pia", "delete-account"));
        assertEquals(2, unconfirmed.exitCode);
        assertTrue(unconfirmed.stderr().contains("add --yes to confirm"), unconfirmed.stderr());

        CliRun deleted = CliRun.run(as("pia", "delete-account", "--yes"));
        assertEquals(0, deleted.exitCode, deleted.stderr());
        assertEquals("deleted pia@test\n", deleted.stdout());
        // the name is free: someone with other keys may take it
        String[] newcomer = {"--host", "127.0.0.1", "--port", String.valueOf(node.port()), "--user", "pia",
                "--home", homes.resolve("newcomer").toString(), "who"};
        assertEquals(0, CliRun.run(newcomer).exitCode);
    }

    @Test
    void aNameTakenByAnotherKeyFailsWithAClearMessage() throws Exception {
        assertEquals(0, CliRun.run(as("hank", "who")).exitCode);
        String[] impostor = {"--host", "127.0.0.1", "--port", String.valueOf(node.port()), "--user", "hank",
                "--home", homes.resolve("someone-else").toString(), "who"};

        CliRun run = CliRun.run(impostor);

        assertEquals(1, run.exitCode);
        assertTrue(run.stderr().startsWith("parley: the name 'hank' is taken"), run.stderr());
        assertTrue(run.stderr().strip().endsWith("(NAME_TAKEN)"), run.stderr());
    }

    @Test
    void anInvalidNameIsRefusedWithTheRuleBeforeConnecting() {
        CliRun run = CliRun.run(as("Ivy Smith", "who"));

        assertEquals(1, run.exitCode);
        assertEquals("parley: invalid user name 'Ivy Smith': " + Name.RULE + "\n", run.stderr());
    }

    @Test
    void listenExitsThreeWhenTheTimeoutPassesFirst() {
        CliRun listen = CliRun.run(as("jack", "listen", "--count", "1", "--timeout", "1"));

        assertEquals(3, listen.exitCode);
        assertTrue(listen.stderr().contains("timed out after 1 s with 0 of 1 message(s)"), listen.stderr());
    }

    @Test
    void noUserIsAClearError() {
        CliRun run = CliRun.run("--port", String.valueOf(node.port()), "who");

        assertEquals(1, run.exitCode);
        assertEquals("parley: no user given; add --user NAME\n", run.stderr());
    }

    @Test
    void aNodeThatIsNotThereIsAClearError() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        CliRun run = CliRun.run("--host", "127.0.0.1", "--port", String.valueOf(closedPort), "--user", "kim",
                "--home", homes.resolve("kim").toString(), "who");

        assertEquals(1, run.exitCode);
        assertTrue(run.stderr().startsWith("parley: cannot connect to 127.0.0.1:" + closedPort), run.stderr());
    }

    @Test
    void aBadCommandLineIsAUsageError() {
        CliRun run = CliRun.run(as("alice", "send", "bob"));

        assertEquals(2, run.exitCode);
        assertTrue(run.stderr().contains("Missing required parameter"), run.stderr());
    }

    @Test
    void optionsMayFollowTheCommandName() {
        CliRun run = CliRun.run("who", "--host", "127.0.0.1", "--port", String.valueOf(node.port()), "--user", "lena",
                "--home", homes.resolve("lena").toString());

        assertEquals(0, run.exitCode, run.stderr());
        assertTrue(run.stdout().contains("lena@test"), run.stdout());
    }

    @Test
    void theIdentityIsKeptPrivateInTheHomeFolder() throws Exception {
        assertEquals(0, CliRun.run(as("mona", "who")).exitCode);

        Path keyFile = homes.resolve("mona").resolve("identities").resolve("mona.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent())));
        // and the same identity logs in again
        assertEquals(0, CliRun.run(as("mona", "who")).exitCode);
    }

    /** A file holding {@code secret} on its first line, as a script would write it. */
    private Path secretFile(String name, String secret) throws Exception {
        Path file = homes.resolve(name);
        Files.writeString(file, secret + "\n");
        return file;
    }

    /** Somebody at the terminal who types {@code answers} in turn. */
    private static org.parley.client.command.Terminal typing(String... answers) {
        java.util.Iterator<String> next = List.of(answers).iterator();
        return prompt -> next.hasNext() ? java.util.Optional.of(next.next()) : java.util.Optional.empty();
    }

    @Test
    void aPassphraseSealsTheKeysAndEveryCommandThenNeedsIt() throws Exception {
        CliRun before = CliRun.run(as("nadia", "fingerprint"));
        assertEquals(0, before.exitCode, before.stderr());
        Path keyFile = homes.resolve("nadia").resolve("identities").resolve("nadia.json");
        String privateKey = WireJson.mapper().readTree(keyFile.toFile()).get("signingPrivateKey").asText();

        CliRun protect = CliRun.run(as("nadia", "passphrase", "--new-passphrase-file",
                secretFile("new", "correct horse battery").toString()));
        assertEquals(0, protect.exitCode, protect.stderr());
        assertTrue(protect.stdout().contains("sealed under your passphrase"), protect.stdout());
        assertFalse(Files.readString(keyFile).contains(privateKey));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));

        CliRun without = CliRun.run(as("nadia", "fingerprint"));
        assertEquals(1, without.exitCode);
        assertTrue(without.stderr().contains("protected by a passphrase"), without.stderr());
        assertTrue(without.stderr().contains("PARLEY_PASSPHRASE"), without.stderr());

        CliRun wrong = CliRun.run(as("nadia", "--passphrase-file", secretFile("wrong", "correct horse staple").toString(),
                "fingerprint"));
        assertEquals(1, wrong.exitCode);
        assertTrue(wrong.stderr().contains("wrong passphrase"), wrong.stderr());

        // The node binds the name to the keys, so logging in at all shows they are the same keys.
        CliRun fromFile = CliRun.run(as("nadia", "--passphrase-file", homes.resolve("new").toString(), "fingerprint"));
        assertEquals(0, fromFile.exitCode, fromFile.stderr());
        assertEquals(before.stdout(), fromFile.stdout());
        CliRun fromEnvironment = CliRun.runWith(Map.of("PARLEY_PASSPHRASE", "correct horse battery"),
                org.parley.client.command.Terminal.NONE, as("nadia", "fingerprint"));
        assertEquals(0, fromEnvironment.exitCode, fromEnvironment.stderr());
        assertEquals(before.stdout(), fromEnvironment.stdout());
        CliRun typed = CliRun.runWith(Map.of(), typing("typo", "correct horse battery"), as("nadia", "fingerprint"));
        assertEquals(0, typed.exitCode, typed.stderr());
        assertEquals(before.stdout(), typed.stdout());
    }

    @Test
    void aPassphraseCanBeChangedAndRemoved() throws Exception {
        Path first = secretFile("first", "first passphrase");
        Path second = secretFile("second", "second passphrase");
        CliRun created = CliRun.runWith(Map.of("PARLEY_PASSPHRASE", "first passphrase"),
                org.parley.client.command.Terminal.NONE, as("quinn", "who"));
        assertEquals(0, created.exitCode, created.stderr());
        assertEquals(1, CliRun.run(as("quinn", "who")).exitCode, "keys made with a passphrase given are sealed");

        CliRun changed = CliRun.runWith(Map.of(), typing("second passphrase", "second passphrase"),
                as("quinn", "--passphrase-file", first.toString(), "passphrase"));
        assertEquals(0, changed.exitCode, changed.stderr());
        assertEquals(1, CliRun.run(as("quinn", "--passphrase-file", first.toString(), "who")).exitCode);
        assertEquals(0, CliRun.run(as("quinn", "--passphrase-file", second.toString(), "who")).exitCode);

        CliRun removed = CliRun.run(as("quinn", "--passphrase-file", second.toString(), "passphrase", "--remove"));
        assertEquals(0, removed.exitCode, removed.stderr());
        assertTrue(removed.stdout().contains("no longer protected"), removed.stdout());
        assertEquals(0, CliRun.run(as("quinn", "who")).exitCode);
    }

    @Test
    void aShortOrMistypedNewPassphraseChangesNothing() throws Exception {
        assertEquals(0, CliRun.run(as("rosa", "who")).exitCode);

        CliRun tooShort = CliRun.run(as("rosa", "passphrase", "--new-passphrase-file", secretFile("short", "abc").toString()));
        assertEquals(1, tooShort.exitCode);
        assertTrue(tooShort.stderr().contains("at least 8 characters"), tooShort.stderr());
        CliRun mistyped = CliRun.runWith(Map.of(), typing("long enough one", "long enough 1"), as("rosa", "passphrase"));
        assertEquals(1, mistyped.exitCode);
        assertTrue(mistyped.stderr().contains("differ"), mistyped.stderr());
        CliRun nobodyThere = CliRun.run(as("rosa", "passphrase"));
        assertEquals(1, nobodyThere.exitCode);
        assertTrue(nobodyThere.stderr().contains("--new-passphrase-file"), nobodyThere.stderr());
        CliRun both = CliRun.run(as("rosa", "passphrase", "--remove", "--new-passphrase-file", "x"));
        assertEquals(2, both.exitCode);

        assertEquals(0, CliRun.run(as("rosa", "who")).exitCode, "the keys are still unprotected");
    }

    @Test
    void listenWithReceiptsShowsWhenWhatYouSentIsDelivered() throws Exception {
        CliRun watching = CliRun.start(as("sara", "listen", "--receipts", "--json", "--count", "1", "--timeout", "30"));
        watching.awaitListening();
        CliRun tom = CliRun.start(as("tom", "listen", "--count", "1", "--timeout", "30"));
        tom.awaitListening();

        CliRun sent = CliRun.run(as("sara", "send", "--json", "tom", "ping"));
        assertEquals(0, sent.exitCode, sent.stderr());
        assertEquals(0, tom.awaitExit(), tom.stderr());
        String id = WireJson.mapper().readTree(sent.stdout().strip()).get("id").asText();
        assertEquals(0, CliRun.run(as("tom", "send", "sara", "pong")).exitCode);

        assertEquals(0, watching.awaitExit(), watching.stderr());
        List<String> lines = watching.stdout().lines().toList();
        assertTrue(lines.contains("{\"receipt\":\"delivered\",\"id\":\"" + id + "\",\"to\":\"tom@test\"}"),
                watching.stdout());
        assertTrue(lines.get(lines.size() - 1).contains("\"text\":\"pong\""), watching.stdout());
    }
}
