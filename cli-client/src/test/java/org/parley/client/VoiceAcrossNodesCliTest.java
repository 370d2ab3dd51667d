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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.voice.EnvelopeCorrelation;
import org.parley.client.voice.SpeechLikeSignal;
import org.parley.node.Node;
import org.parley.protocol.frame.WireJson;

/**
 * {@code parley voice} end to end across two real linked nodes: alice of node-a and bob of node-b
 * join with the real commands, their audio goes through the nodes' own voice relay (node-a's voice
 * port, the UDP path between the nodes, node-b's) and their keys through the nodes' direct messages.
 * The metric is {@link EnvelopeCorrelation}: 10 ms RMS envelopes of what alice said and of what bob's
 * {@code --out} file holds, Pearson correlation at the delay that matches best; it must be at least
 * 0.8 (a speech-like signal against silence or another signal scores near 0).
 */
class VoiceAcrossNodesCliTest {

    private static final Pattern HEARD = Pattern.compile("heard alice@node-a: (\\d+) received, (\\d+) played,"
            + " \\d+ rebuilt \\(FEC\\), \\d+ concealed, (\\d+) late, (\\d+) skipped");

    @TempDir
    static Path data;
    private static TwoNodes nodes;
    private static int portA;
    private static int portB;

    @BeforeAll
    static void start() throws Exception {
        nodes = new TwoNodes(data, Map.of("plaintext", true));
        portA = nodes.a.port();
        portB = nodes.b.port();
        assertEquals(0, CliRun.run(as("alice", portA, "who")).exitCode);
        assertEquals(0, CliRun.run(as("bob", portB, "who")).exitCode);
        for (Node node : List.of(nodes.a, nodes.b)) {
            for (String user : List.of("alice", "bob")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> node.federation().directory().users().keySet()
                        .stream().anyMatch(u -> u.name().equals(user)));
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        nodes.close();
    }

    @Test
    void aliceOfNodeAIsHeardByBobOfNodeBInACallInTimeAndBothNodesListThem() throws Exception {
        assertEquals(0, CliRun.run(as("alice", portA, "send", "bob@node-b", "read me after the call")).exitCode);
        String heard = aliceSpeaksAndBobHears("bob@node-b", "alice@node-a", 11, "call");
        assertTrue(heard.contains("alice@node-a left alice@node-a"), heard);
        CliRun reads = CliRun.run(as("bob", portB, "listen", "--count", "1", "--timeout", "30"));
        assertTrue(reads.stdout().contains("read me after the call"), "a message that came during the call waits"
                + " for a session that reads: " + reads.stdout() + reads.stderr());
    }

    @Test
    void aliceOfNodeAIsHeardByBobOfNodeBInTheirGroupsRoomAndBothNodesListThem() throws Exception {
        assertEquals(0, CliRun.run(as("alice", portA, "group", "create", "#team")).exitCode);
        assertEquals(0, CliRun.run(as("bob", portB, "group", "join", "#team@node-a")).exitCode);
        String heard = aliceSpeaksAndBobHears("#team@node-a", "#team@node-a", 11, "team");
        assertTrue(heard.contains("alice@node-a left #team@node-a"), heard);
    }

    /**
     * Bob joins {@code bobsRoom} on node-b writing what he hears, alice joins {@code alicesRoom} on
     * node-a speaking a 4 s speech-like signal; while she speaks both nodes list both of them, her as
     * speaking; what bob heard correlates with what she said. Returns what bob's command said.
     */
    private static String aliceSpeaksAndBobHears(String alicesRoom, String bobsRoom, long seed, String name)
            throws Exception {
        SpeechLikeSignal speech = SpeechLikeSignal.generate(4, seed);
        Path in = written(speech, name + "-speech.wav");
        Path heard = data.resolve(name + "-heard.wav");

        CliRun bob = CliRun.start(as("bob", portB, "voice", "join", bobsRoom, "--out", heard.toString(),
                "--seconds", "9"));
        bob.awaitStderr("joined " + bobsRoom);
        CliRun alice = CliRun.start(as("alice", portA, "voice", "join", alicesRoom, "--in", in.toString()));
        alice.awaitStderr("joined " + alicesRoom);
        bob.awaitStderr("alice@node-a joined " + bobsRoom);

        // while alice speaks, each side's node lists both of them, and alice as speaking
        await().atMost(Duration.ofSeconds(10)).until(() -> speaking(who("bob", portB, bobsRoom), "alice@node-a"));
        JsonNode fromA = who("alice", portA, alicesRoom);
        assertEquals(alicesRoom, fromA.get("room").asText());
        assertEquals(Set.of("bob@node-b", "alice@node-a"), Set.copyOf(users(fromA)));
        assertEquals(Set.of("bob@node-b", "alice@node-a"), Set.copyOf(users(who("bob", portB, bobsRoom))));

        assertEquals(0, alice.awaitExit(), alice.stderr());
        assertTrue(alice.stderr().contains("(the input ended): sent 200 frames"), alice.stderr());
        assertEquals(0, bob.awaitExit(), bob.stderr());
        assertTrue(bob.stderr().contains("heard alice@node-a: "), bob.stderr());
        assertTrue(bob.stderr().contains(", 0 did not open"), bob.stderr());
        // every frame that came was played, or counted as late or skipped: none was lost waiting for a
        // key, as alice's last ones were when the news of her leaving came before them
        Matcher heardLine = HEARD.matcher(bob.stderr());
        assertTrue(heardLine.find(), bob.stderr());
        assertEquals(Long.parseLong(heardLine.group(1)), Long.parseLong(heardLine.group(2))
                + Long.parseLong(heardLine.group(3)) + Long.parseLong(heardLine.group(4)), heardLine.group());
        short[] output = SpeechLikeSignal.readWav(heard);
        assertEquals(9 * SpeechLikeSignal.RATE, output.length);
        EnvelopeCorrelation match = EnvelopeCorrelation.of(speech.samples(), output);
        System.out.println(bobsRoom + " across nodes: " + match + "\n" + bob.stderr());
        assertTrue(match.correlation() >= 0.8, match + "\n" + bob.stderr());
        return bob.stderr();
    }

    @Test
    void inTheShellACallIsAnnouncedAnsweredHeardAndLeft() throws Exception {
        Path in = written(SpeechLikeSignal.generate(3, 12), "shell-speech.wav");
        Path heard = data.resolve("shell-heard.wav");
        try (ShellProcess bob = ShellProcess.start(Map.of(), as("bob", portB))) {
            bob.awaitSaid("Logged in as bob@node-b");

            CliRun alice = CliRun.start(as("alice", portA, "voice", "join", "bob@node-b", "--in", in.toString(),
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
        assertEquals(0, CliRun.run(as("carol", portA, "group", "create", "#secret", "--invite-only")).exitCode);
        Path notes = Files.writeString(data.resolve("notes.wav"), "these are words, not sound");

        expectError(as("alice", portA, "voice", "join", "#secret@node-a", "--seconds", "1"),
                "only members of #secret@node-a are in its voice room; join the group first (NOT_MEMBER)");
        expectError(as("alice", portA, "voice", "join", "nobody@node-b", "--seconds", "1"),
                "no user nobody@node-b to call (UNKNOWN_USER)");
        expectError(as("alice", portA, "voice", "join", "bob@node-b", "--in", data.resolve("none.wav").toString()),
                "no such file: " + data.resolve("none.wav"));
        expectError(as("alice", portA, "voice", "join", "bob@node-b", "--in", notes.toString()),
                notes + " is not a WAV file");
        expectError(as("alice", portA, "voice", "join", "bob@node-b", "--seconds", "0"),
                "--seconds must be at least 1");
        expectError(as("alice", closedPort(), "voice", "who", "bob@node-b"), "cannot connect to 127.0.0.1:");
        assertEquals(2, CliRun.run(as("alice", portA, "voice", "join")).exitCode);
        expectError(as("alice", portA, "voice", "join", "bob@node-b", "--live", "--seconds", "1"),
                "--live paces a file given with --in; a microphone is live already");
    }

    /**
     * Alice speaks a file as a microphone would ({@code --live}) and both write their frames' times: hers
     * are captured a frame each 20 ms, in real time, and each is sent after it was captured; every frame
     * bob played as it came is one she sent, and reached him after she sent it, then waited its turn,
     * then was written. (Who hears what is the other tests'; this is what the bench's latency rests on.)
     */
    @Test
    void aLiveInputIsCapturedInRealTimeAndBothSidesTimeEachFrame() throws Exception {
        Path in = written(SpeechLikeSignal.generate(3, 13), "live-speech.wav");
        Path aliceTimes = data.resolve("alice-timings.jsonl");
        Path bobTimes = data.resolve("bob-timings.jsonl");
        CliRun bob = CliRun.start(as("bob", portB, "voice", "join", "alice@node-a", "--seconds", "7", "--timings",
                bobTimes.toString()));
        bob.awaitStderr("joined alice@node-a");
        CliRun alice = CliRun.start(as("alice", portA, "voice", "join", "bob@node-b", "--in", in.toString(), "--live",
                "--timings", aliceTimes.toString()));
        assertEquals(0, alice.awaitExit(), alice.stderr());
        assertEquals(0, bob.awaitExit(), bob.stderr());

        Map<Long, long[]> sent = new java.util.HashMap<>();
        for (String line : Files.readAllLines(aliceTimes)) {
            JsonNode frame = WireJson.mapper().readTree(line);
            long captured = frame.get("captured").asLong();
            long sentAt = frame.get("sentAt").asLong();
            assertTrue(captured <= sentAt, line);
            sent.put(frame.get("sent").asLong(), new long[] {captured, sentAt});
        }
        assertTrue(sent.size() > 100, "frames sent: " + sent.size() + "\n" + alice.stderr());
        long first = sent.values().stream().mapToLong(t -> t[0]).min().orElseThrow();
        long last = sent.values().stream().mapToLong(t -> t[0]).max().orElseThrow();
        // frame n is captured once its 20 ms have passed: n - 1 frames after the first take (n - 1) x 20 ms
        assertTrue(last - first >= (sent.size() - 1) * 20_000_000L - 20_000_000L, "captured over "
                + (last - first) / 1_000_000 + " ms for " + sent.size() + " frames");
        int played = 0;
        for (String line : Files.readAllLines(bobTimes)) {
            JsonNode frame = WireJson.mapper().readTree(line);
            long[] from = sent.get(frame.get("seq").asLong());
            assertTrue(from != null, "bob played a frame alice did not send: " + line);
            long arrived = frame.get("arrived").asLong();
            long turn = frame.get("turn").asLong();
            assertTrue(from[1] <= arrived && arrived <= turn && turn <= frame.get("written").asLong(), line);
            played++;
        }
        assertTrue(played > 100, "frames bob played as they came: " + played + "\n" + bob.stderr());
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
