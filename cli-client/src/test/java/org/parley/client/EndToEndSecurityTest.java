package org.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;
import org.parley.node.config.NodeConfigLoader;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.message.UserKeys;
import org.slf4j.LoggerFactory;

/**
 * End-to-end encryption and TLS as users meet them, with the real {@code parley} commands: two
 * linked TLS nodes for honest traffic, and a plaintext node behind a {@link TamperingNode} for a
 * node that lies, replays, re-addresses and flips bytes.
 */
class EndToEndSecurityTest {

    @TempDir
    static Path data;

    @TempDir
    Path homes;

    private static Vertx vertx;
    private static Node a;
    private static Node b;
    private static Node plain;
    private static final List<String> LOG = java.util.Collections.synchronizedList(new ArrayList<>());
    private static AppenderBase<ILoggingEvent> capture;
    private TamperingNode evil;

    @BeforeAll
    static void startNodes() throws Exception {
        capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                LOG.add(event.getFormattedMessage());
            }
        };
        capture.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(capture);
        vertx = Vertx.vertx();
        a = TestNodes.start(vertx, Map.of("name", "node-a", "dataDir", data.resolve("a").toString()),
                Map.of("node-b", data.resolve("b")));
        b = TestNodes.start(vertx, Map.of("name", "node-b", "dataDir", data.resolve("b").toString(),
                "peers", List.of("127.0.0.1:" + a.s2sPort())), Map.of("node-a", data.resolve("a")));
        plain = start(Map.of("name", "node-p", "dataDir", data.resolve("p").toString(), "plaintext", true));
    }

    private static Node start(Map<String, Object> overrides) throws Exception {
        return TestNodes.start(vertx, overrides);
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (Node node : List.of(a, b, plain)) {
            node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(capture);
    }

    @AfterEach
    void closeEvilNode() throws Exception {
        if (evil != null) {
            evil.close();
        }
    }

    /** The command line of {@code user} (home {@code homes/user}) against the node on {@code port}. */
    private String[] as(String user, int port, String... command) {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(port), "--user",
                user, "--home", homes.resolve(user).toString()));
        if (port == plain.port() || (evil != null && port == evil.port())) {
            args.add("--plaintext");
        }
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }

    private static String unique(String name) {
        return name + Integer.toHexString(new SecureRandom().nextInt(1 << 20));
    }

    /** Waits until node {@code at} has {@code user} in its directory, so a message can find them. */
    private static void awaitKnown(Node at, String user) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                at.federation().directory().users().keySet().stream().anyMatch(u -> u.toString().equals(user)));
    }

    @Test
    void thePlaintextAppearsNowhereInEitherNodesDataOrLog() throws Exception {
        String alice = unique("alice");
        String bob = unique("bob");
        String secret = "the eagle lands at dawn " + unique("code");
        CliRun listen = CliRun.start(as(bob, b.port(), "listen", "--count", "2", "--timeout", "60", "--json"));
        CliRun aliceListens = CliRun.start(as(alice, a.port(), "listen", "--count", "1", "--timeout", "60"));
        listen.awaitListening();
        aliceListens.awaitListening();
        awaitKnown(a, bob + "@node-b");
        awaitKnown(b, alice + "@node-a");

        CliRun first = CliRun.run(as(alice, a.port(), "send", "--wait-delivered", bob + "@node-b", secret));
        CliRun reply = CliRun.run(as(bob, b.port(), "send", "--wait-delivered", alice + "@node-a", "re: " + secret));
        CliRun second = CliRun.run(as(alice, a.port(), "send", bob + "@node-b", secret + " again"));

        assertEquals(0, first.exitCode, "first: " + first.stderr());
        assertEquals(0, reply.exitCode, reply.stderr());
        assertEquals(0, second.exitCode, second.stderr());
        assertEquals(0, listen.awaitExit(), listen.stderr());
        assertEquals(0, aliceListens.awaitExit(), aliceListens.stderr());
        assertTrue(listen.stdout().contains(secret), listen.stdout());
        assertTrue(aliceListens.stdout().contains("re: " + secret), aliceListens.stdout());
        for (Path file : filesUnder(data)) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertFalse(bytes.contains("eagle lands"), "plaintext found in " + file);
        }
        synchronized (LOG) {
            assertFalse(LOG.isEmpty(), "the nodes logged something");
            assertTrue(LOG.stream().noneMatch(line -> line.contains("eagle lands")), "plaintext found in the log");
        }
    }

    private static List<Path> filesUnder(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void bothSidesPrintTheSameSafetyNumber() throws Exception {
        String alice = unique("alice");
        String bob = unique("bob");
        assertEquals(0, CliRun.run(as(bob, b.port(), "fingerprint")).exitCode);
        awaitKnown(a, bob + "@node-b");
        CliRun aliceRun = CliRun.run(as(alice, a.port(), "fingerprint", bob + "@node-b"));
        awaitKnown(b, alice + "@node-a");
        CliRun bobRun = CliRun.run(as(bob, b.port(), "fingerprint", alice + "@node-a"));

        assertEquals(0, aliceRun.exitCode, aliceRun.stderr());
        assertEquals(0, bobRun.exitCode, bobRun.stderr());
        assertEquals(digits(aliceRun.stdout()), digits(bobRun.stdout()));
        assertEquals(60, digits(aliceRun.stdout()).length());
    }

    private static String digits(String output) {
        return output.lines().filter(line -> line.matches("\\s+[0-9 ]+")).map(line -> line.replaceAll("\\D", ""))
                .reduce("", String::concat);
    }

    /** {@code alice} on node-a writes {@code text} to {@code bob} on node-b, who is listening, and it is delivered. */
    private void deliverAcrossNodes(String alice, String bob, String text) throws Exception {
        CliRun online = CliRun.start(as(bob, b.port(), "listen", "--count", "1", "--timeout", "60"));
        online.awaitListening();
        awaitKnown(a, bob + "@node-b");
        assertEquals(0, CliRun.run(as(alice, a.port(), "send", "--wait-delivered", bob + "@node-b", text)).exitCode);
        assertEquals(0, online.awaitExit(), online.stderr());
    }

    @Test
    void bothSidesKeepTheConversationEncryptedAndShowItAfterARestart() throws Exception {
        String alice = unique("alice");
        String bob = unique("bob");
        deliverAcrossNodes(alice, bob, "meet at noon");
        CliRun reply = CliRun.run(as(bob, b.port(), "send", alice + "@node-a", "noon it is"));
        assertEquals(0, reply.exitCode, reply.stderr());

        // new processes, no node needed: the history is in each home folder
        CliRun alicesView = CliRun.run(as(alice, a.port(), "history", bob, "--json"));
        assertEquals(0, alicesView.exitCode, alicesView.stderr());
        List<String> lines = alicesView.stdout().lines().toList();
        assertEquals(1, lines.size(), alicesView.stdout());
        assertTrue(lines.get(0).contains("\"from\":\"" + alice + "@node-a\""), lines.get(0));
        assertTrue(lines.get(0).contains("\"text\":\"meet at noon\""), lines.get(0));
        CliRun bobsView = CliRun.run(as(bob, b.port(), "history", alice + "@node-a"));
        assertEquals(0, bobsView.exitCode, bobsView.stderr());
        assertTrue(bobsView.stdout().contains("<- " + alice + "@node-a: meet at noon"), bobsView.stdout());
        assertTrue(bobsView.stdout().contains("-> " + alice + "@node-a: noon it is"), bobsView.stdout());
        for (String user : List.of(alice, bob)) {
            byte[] raw = Files.readAllBytes(homes.resolve(user).resolve("history").resolve(user + ".log"));
            assertFalse(new String(raw, StandardCharsets.ISO_8859_1).contains("noon"), user + "'s history is in clear");
        }
    }

    @Test
    void aChangedKeyBlocksSendingUntilTrusted() throws Exception {
        String alice = unique("alice");
        String bob = unique("bob");
        deliverAcrossNodes(alice, bob, "first");

        // bob loses his keys: he deletes the account and registers the name again with new ones
        assertEquals(0, CliRun.run(as(bob, b.port(), "delete-account", "--yes")).exitCode);
        deleteTree(homes.resolve(bob));
        assertEquals(0, CliRun.run(as(bob, b.port(), "fingerprint")).exitCode);
        String newKey = Base64Key.encode(new org.parley.client.identity.IdentityStore(homes.resolve(bob))
                .loadOrCreate(bob, org.parley.client.identity.PassphraseSource.NONE).signingPublic());
        await().atMost(Duration.ofSeconds(30)).until(() -> a.federation().directory().users().entrySet().stream()
                .anyMatch(e -> e.getKey().toString().equals(bob + "@node-b") && e.getValue().signingKey().equals(newKey)));

        CliRun refused = CliRun.run(as(alice, a.port(), "send", bob + "@node-b", "second"));
        assertEquals(1, refused.exitCode);
        assertTrue(refused.stderr().contains("CHANGED"), refused.stderr());
        assertTrue(refused.stderr().contains("parley trust " + bob + "@node-b"), refused.stderr());

        CliRun trust = CliRun.run(as(alice, a.port(), "trust", bob + "@node-b"));
        assertEquals(0, trust.exitCode, trust.stderr());
        assertTrue(trust.stdout().contains("NEW keys"), trust.stdout());
        CliRun listen = CliRun.start(as(bob, b.port(), "listen", "--count", "1", "--timeout", "60", "--json"));
        listen.awaitListening();
        CliRun third = CliRun.run(as(alice, a.port(), "send", "--wait-delivered", bob + "@node-b", "third"));
        assertEquals(0, third.exitCode, third.stderr());
        assertEquals(0, listen.awaitExit(), listen.stderr());
        assertTrue(listen.stdout().contains("\"text\":\"third\""), listen.stdout());
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aNodeCertificateThatChangedIsRefused() throws Exception {
        Path dir = data.resolve(unique("x"));
        Node first = start(Map.of("name", "node-x", "dataDir", dir.resolve("1").toString()));
        int port = first.port();
        String alice = unique("alice");
        assertEquals(0, CliRun.run(as(alice, port, "fingerprint")).exitCode);
        first.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        // another node, with another certificate, now answers on the same address
        Node impostor = start(Map.of("name", "node-x", "dataDir", dir.resolve("2").toString(), "port", port));
        try {
            CliRun refused = CliRun.run(as(alice, port, "send", "bob", "hi"));
            assertEquals(1, refused.exitCode);
            assertTrue(refused.stderr().contains("has node key"), refused.stderr());
            assertTrue(refused.stderr().contains("you trusted"), refused.stderr());
        } finally {
            impostor.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPlaintextClientIsRefusedByATlsNodeWithAHint() {
        CliRun run = CliRun.run("--host", "127.0.0.1", "--port", String.valueOf(a.port()), "--plaintext", "--user",
                "zed", "--home", homes.resolve("zed").toString(), "who");
        assertEquals(1, run.exitCode);
        assertTrue(run.stderr().contains("leave out --plaintext"), run.stderr());
    }

    // ---- a node that tampers ----

    private CliRun listenThroughEvil(String user) throws Exception {
        CliRun listen = CliRun.start(as(user, evil.port(), "listen", "--count", "1", "--timeout", "60"));
        listen.awaitListening();
        return listen;
    }

    @Test
    void aFlippedByteIsCaughtAndNotShown() throws Exception {
        evil = new TamperingNode(vertx, plain.port());
        String alice = unique("alice");
        String bob = unique("bob");
        evil.toClient = frame -> List.of(frame.header() instanceof Delivery && frame.body().length > 100
                ? new Frame<>(frame.header(), flipped(frame.body())) : frame);
        CliRun listen = listenThroughEvil(bob);

        assertEquals(0, CliRun.run(as(alice, plain.port(), "send", bob, "pay 100")).exitCode);
        listen.awaitStderr("WARNING");
        evil.toClient = List::of;
        assertEquals(0, CliRun.run(as(alice, plain.port(), "send", bob, "honest")).exitCode);

        assertEquals(0, listen.awaitExit(), listen.stderr());
        assertTrue(listen.stderr().contains("altered"), listen.stderr());
        assertFalse(listen.stdout().contains("pay 100"), listen.stdout());
        assertTrue(listen.stdout().contains("honest"), listen.stdout());
    }

    private static byte[] flipped(byte[] body) {
        byte[] copy = body.clone();
        copy[copy.length / 2] ^= 0x01;
        return copy;
    }

    @Test
    void aReplayedMessageIsCaughtEvenAfterARestart() throws Exception {
        evil = new TamperingNode(vertx, plain.port());
        String alice = unique("alice");
        String bob = unique("bob");
        List<Frame<ServerMessage>> recorded = java.util.Collections.synchronizedList(new ArrayList<>());
        evil.toClient = frame -> {
            if (frame.header() instanceof Delivery) {
                recorded.add(frame);
            }
            return List.of(frame);
        };
        CliRun first = listenThroughEvil(bob);
        assertEquals(0, CliRun.run(as(alice, plain.port(), "send", bob, "open the door")).exitCode);
        assertEquals(0, first.awaitExit(), first.stderr());

        // the node replays the old message in front of each new one, to a new run of the client
        Frame<ServerMessage> old = recorded.get(0);
        evil.toClient = frame -> frame.header() instanceof Delivery ? List.of(old, frame) : List.of(frame);
        CliRun second = listenThroughEvil(bob);
        assertEquals(0, CliRun.run(as(alice, plain.port(), "send", bob, "second")).exitCode);

        assertEquals(0, second.awaitExit(), second.stderr());
        assertEquals(1, second.stdout().lines().count(), second.stdout());
        assertTrue(second.stdout().contains("second"), second.stdout());
        assertTrue(second.stderr().contains("arrived again"), second.stderr());
    }

    @Test
    void aMessageReAddressedToAnotherUserIsCaught() throws Exception {
        evil = new TamperingNode(vertx, plain.port());
        String alice = unique("alice");
        String bob = unique("bob");
        String carol = unique("carol");
        assertEquals(0, CliRun.run(as(bob, plain.port(), "fingerprint")).exitCode);
        CliRun listen = CliRun.start(as(carol, plain.port(), "listen", "--count", "1", "--timeout", "60"));
        listen.awaitListening();
        evil.fromClient = frame -> List.of(frame.header() instanceof Send send && send.to().startsWith(bob)
                ? new Frame<>(new Send(send.id(), carol), frame.body()) : frame);

        assertEquals(0, CliRun.run(as(alice, evil.port(), "send", bob, "for bob only")).exitCode);
        listen.awaitStderr("WARNING");
        evil.fromClient = List::of;
        assertEquals(0, CliRun.run(as(alice, plain.port(), "send", carol, "for carol")).exitCode);

        assertEquals(0, listen.awaitExit(), listen.stderr());
        assertTrue(listen.stderr().contains("re-addressed"), listen.stderr());
        assertFalse(listen.stdout().contains("for bob only"), listen.stdout());
        assertTrue(listen.stdout().contains("for carol"), listen.stdout());
    }

    @Test
    void aNodeThatSwapsTheRecipientsKeyIsCaught() throws Exception {
        evil = new TamperingNode(vertx, plain.port());
        String alice = unique("alice");
        String bob = unique("bob");
        IdentityKeys mallory = IdentityKeys.generate(new SecureRandom());
        CliRun listen = CliRun.start(as(bob, plain.port(), "listen", "--count", "1", "--timeout", "60"));
        listen.awaitListening();
        evil.toClient = frame -> List.of(frame.header() instanceof UserKeys keys && keys.user().startsWith(bob)
                ? new Frame<>(new UserKeys(keys.id(), keys.user(), Base64Key.encode(mallory.signingPublic()),
                Base64Key.encode(mallory.agreementPublic())), frame.body()) : frame);

        // first contact through the lying node: alice encrypts to the false key; bob cannot be fooled
        assertEquals(0, CliRun.run(as(alice, evil.port(), "send", bob, "to the wrong key")).exitCode);
        listen.awaitStderr("WARNING");
        assertTrue(listen.stderr().contains("false key"), listen.stderr());

        // once alice has bob's real key (she trusts it after comparing numbers), the lie is refused
        evil.toClient = List::of;
        assertEquals(0, CliRun.run(as(alice, plain.port(), "trust", bob)).exitCode);
        evil.toClient = frame -> List.of(frame.header() instanceof UserKeys keys && keys.user().startsWith(bob)
                ? new Frame<>(new UserKeys(keys.id(), keys.user(), Base64Key.encode(mallory.signingPublic()),
                Base64Key.encode(mallory.agreementPublic())), frame.body()) : frame);
        CliRun refused = CliRun.run(as(alice, evil.port(), "send", bob, "again"));
        assertEquals(1, refused.exitCode);
        assertTrue(refused.stderr().contains("CHANGED"), refused.stderr());

        assertEquals(0, CliRun.run(as(alice, plain.port(), "send", bob, "honest")).exitCode);
        assertEquals(0, listen.awaitExit(), listen.stderr());
        assertTrue(listen.stdout().contains("honest"), listen.stdout());
        assertFalse(listen.stdout().contains("wrong key"), listen.stdout());
    }
}
