package org.parley.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.voice.EnvelopeCorrelation;
import org.parley.client.voice.SpeechLikeSignal;
import org.parley.client.voice.UdpRelay;
import org.parley.node.Node;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;

/**
 * {@code parley voice} end to end, as far as the client goes: alice of node-a and bob of node-b,
 * real nodes for login and for the direct messages that carry their voice keys across the link;
 * the nodes' voice side (rooms, the UDP relay) scripted in front of them ({@link FakeVoiceNodes}).
 * The metric is {@link EnvelopeCorrelation} (10 ms RMS envelopes, Pearson correlation at the best
 * delay), at least 0.8.
 */
class VoiceCliTest {

    @TempDir
    static Path data;
    private static TwoNodes nodes;
    private static UdpRelay relay;
    private static FakeVoiceNodes voice;
    private static int frontA;
    private static int frontB;

    @BeforeAll
    static void start() throws Exception {
        nodes = new TwoNodes(data, Map.of("plaintext", true));
        relay = new UdpRelay(nodes.vertx);
        voice = new FakeVoiceNodes(nodes.vertx, relay);
        frontA = voice.front(nodes.a.port());
        frontB = voice.front(nodes.b.port());
        assertEquals(0, CliRun.run(as("alice", frontA, "who")).exitCode);
        assertEquals(0, CliRun.run(as("bob", frontB, "who")).exitCode);
        for (Node node : List.of(nodes.a, nodes.b)) {
            for (String user : List.of("alice", "bob")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> node.federation().directory().users().keySet()
                        .stream().anyMatch(u -> u.name().equals(user)));
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        voice.close();
        relay.close();
        nodes.close();
    }

    @Test
    void aliceOfNodeAIsHeardByBobOfNodeBInTimeAndBothNodesListThem() throws Exception {
        SpeechLikeSignal speech = SpeechLikeSignal.generate(4, 11);
        Path in = written(speech, "speech.wav");
        Path heard = data.resolve("heard.wav");

        CliRun bob = CliRun.start(as("bob", frontB, "voice", "join", "alice@node-a", "--out", heard.toString(),
                "--seconds", "9"));
        bob.awaitStderr("joined alice@node-a");
        assertEquals(0, CliRun.run(as("alice", frontA, "send", "bob@node-b", "read me after the call")).exitCode);
        CliRun alice = CliRun.start(as("alice", frontA, "voice", "join", "bob@node-b", "--in", in.toString()));
        alice.awaitStderr("joined bob@node-b");
        bob.awaitStderr("alice@node-a joined alice@node-a");

        // while alice speaks, each side's node lists both of them, and alice as speaking
        await().atMost(Duration.ofSeconds(10)).until(() -> speaking(who("bob", frontB, "alice@node-a"), "alice@node-a"));
        JsonNode fromA = who("alice", frontA, "bob@node-b");
        assertEquals("bob@node-b", fromA.get("room").asText());
        assertEquals(List.of("bob@node-b", "alice@node-a"), users(fromA));

        assertEquals(0, alice.awaitExit(), alice.stderr());
        assertTrue(alice.stderr().contains("(the input ended): sent 200 frames"), alice.stderr());
        assertEquals(0, bob.awaitExit(), bob.stderr());
        assertTrue(bob.stderr().contains("alice@node-a left alice@node-a"), bob.stderr());
        assertTrue(bob.stderr().contains("heard alice@node-a: "), bob.stderr());
        assertTrue(bob.stderr().contains(", 0 did not open"), bob.stderr());
        CliRun reads = CliRun.run(as("bob", frontB, "listen", "--count", "1", "--timeout", "30"));
        assertTrue(reads.stdout().contains("read me after the call"), "a message that came during the call waits"
                + " for a session that reads: " + reads.stdout() + reads.stderr());
        short[] output = SpeechLikeSignal.readWav(heard);
        assertEquals(9 * SpeechLikeSignal.RATE, output.length);
        EnvelopeCorrelation match = EnvelopeCorrelation.of(speech.samples(), output);
        System.out.println("across nodes: " + match + "\n" + bob.stderr());
        assertTrue(match.correlation() >= 0.8, match + "\n" + bob.stderr());
    }

    @Test
    void inTheShellACallIsAnnouncedAnsweredHeardAndLeft() throws Exception {
        Path in = written(SpeechLikeSignal.generate(3, 12), "shell-speech.wav");
        Path heard = data.resolve("shell-heard.wav");
        try (ShellProcess bob = ShellProcess.start(Map.of(), as("bob", frontB))) {
            bob.awaitSaid("Logged in as bob@node-b");

            CliRun alice = CliRun.start(as("alice", frontA, "voice", "join", "bob@node-b", "--in", in.toString(),
                    "--seconds", "8"));
            bob.awaitSaid("alice@node-a is calling you: /voice join alice@node-a");
            bob.type("/voice join alice@node-a --out " + heard + " --seconds 6");
            bob.awaitSaid("joined alice@node-a (you are ssrc");
            bob.type("/voice who");
            bob.awaitSaid("alice@node-a: 2 participants");
            bob.awaitSaid("* left alice@node-a (6 s passed)");
            bob.type("/quit");

            assertEquals(0, bob.awaitExit(), bob.said());
            assertEquals(0, alice.awaitExit(), alice.stderr());
            assertTrue(bob.said().contains("heard alice@node-a: "), bob.said());
            assertEquals(6 * SpeechLikeSignal.RATE, SpeechLikeSignal.readWav(heard).length);
        }
    }

    @Test
    void refusalsAndBadFilesAreOneClearLineAndExitOne() throws Exception {
        voice.refusals.put("#secret@node-a", new ErrorFrame(ErrorCode.NOT_MEMBER,
                "you are not a member of #secret@node-a", null));
        voice.refusals.put("nobody@node-b", new ErrorFrame(ErrorCode.UNKNOWN_USER, "no user nobody@node-b", null));
        Path notes = Files.writeString(data.resolve("notes.wav"), "these are words, not sound");

        expectError(as("alice", frontA, "voice", "join", "#secret@node-a", "--seconds", "1"),
                "you are not a member of #secret@node-a (NOT_MEMBER)");
        expectError(as("alice", frontA, "voice", "join", "nobody@node-b", "--seconds", "1"),
                "no user nobody@node-b (UNKNOWN_USER)");
        expectError(as("alice", frontA, "voice", "join", "bob@node-b", "--in", data.resolve("none.wav").toString()),
                "no such file: " + data.resolve("none.wav"));
        expectError(as("alice", frontA, "voice", "join", "bob@node-b", "--in", notes.toString()),
                notes + " is not a WAV file");
        expectError(as("alice", frontA, "voice", "join", "bob@node-b", "--seconds", "0"),
                "--seconds must be at least 1");
        expectError(as("alice", closedPort(), "voice", "who", "bob@node-b"), "cannot connect to 127.0.0.1:");
        assertEquals(2, CliRun.run(as("alice", frontA, "voice", "join")).exitCode);
    }

    private static Path written(SpeechLikeSignal speech, String name) throws Exception {
        Path file = data.resolve(name);
        speech.write(file);
        return file;
    }

    private static void expectError(String[] args, String line) {
        CliRun run = CliRun.run(args);
        assertEquals(1, run.exitCode, run.stderr());
        assertTrue(run.stderr().contains("parley: " + line), run.stderr());
    }

    private static JsonNode who(String user, int port, String room) throws Exception {
        CliRun run = CliRun.run(as(user, port, "voice", "who", room, "--json"));
        assertEquals(0, run.exitCode, run.stderr());
        return WireJson.mapper().readTree(run.stdout());
    }

    private static boolean speaking(JsonNode room, String user) {
        for (JsonNode participant : room.get("participants")) {
            if (participant.get("user").asText().equals(user)) {
                return participant.get("speaking").asBoolean();
            }
        }
        return false;
    }

    private static List<String> users(JsonNode room) {
        List<String> users = new ArrayList<>();
        room.get("participants").forEach(participant -> users.add(participant.get("user").asText()));
        return users;
    }

    private static int closedPort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String[] as(String user, int port, String... command) {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(port),
                "--plaintext", "--user", user, "--home", data.resolve("homes").resolve(user).toString()));
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }
}
