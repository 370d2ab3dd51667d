package org.parley.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.voice.EnvelopeCorrelation;
import org.parley.client.voice.SpeechLikeSignal;
import org.parley.protocol.e2ee.OpenFailure;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.voice.VoiceKey;
import org.parley.protocol.voice.VoicePacket;
import org.parley.protocol.voice.VoiceSeal;

/**
 * Voice between the page and the command line across two nodes: wendy in Chromium on node-a, whose
 * fake microphone plays a speech-like signal made here, calls bob of node-b, who runs
 * {@code parley voice join} with another signal as {@code --in} and writes what he hears to
 * {@code --out}. The metric is the voice tests' own ({@link EnvelopeCorrelation}: 10 ms RMS
 * envelopes, Pearson correlation at the best delay) with their threshold, 0.8, both ways: bob's
 * {@code --out} against wendy's microphone, and what wendy's page played (saved from the page as a
 * WAV file) against bob's {@code --in}. What the page sent and received on its WebSocket is ciphertext:
 * it opens only with the room's keys, as Opus, and is not Opus without them.
 */
class VoiceBrowserTest {

    private static final double THRESHOLD = 0.8;

    @TempDir
    static Path data;

    private static LinkedNodes nodes;
    private static Chromium chromium;
    private static SpeechLikeSignal wendySays;

    @TempDir
    Path homes;

    @BeforeAll
    static void start() throws Exception {
        nodes = new LinkedNodes(data.resolve("nodes"));
        wendySays = SpeechLikeSignal.generate(4, 25);
        Path microphone = data.resolve("wendy-microphone.wav");
        wendySays.write(microphone);
        // Chromium plays the file as the microphone, over and over, from the moment the page asks for it.
        chromium = Chromium.launch(List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-audio-capture=" + microphone, "--autoplay-policy=no-user-gesture-required"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aBrowserUserOnNodeACallsACliUserOnNodeBAndEachHearsTheOtherThroughCiphertextOnly() throws Exception {
        SpeechLikeSignal bobSays = SpeechLikeSignal.generate(4, 23);
        Path bobIn = data.resolve("bob-speech.wav");
        bobSays.write(bobIn);
        Path bobOut = data.resolve("bob-heard.wav");
        assertEquals(0, Cli.run(Cli.as(homes, "bob", nodes.b, "who")).exitCode()); // bob registers
        WebUser wendy = WebUser.register(chromium, "wendy", nodes.a);
        nodes.awaitKnown("wendy@node-a", "bob@node-b");

        // WHEN wendy calls bob from his conversation, and bob joins the call from the command line
        wendy.open("bob@node-b");
        wendy.click("#conversation-actions .voice-join");
        wendy.awaitText("#voice-title", "Voice: bob@node-b");
        Cli bob = Cli.start(Cli.as(homes, "bob", nodes.b, "voice", "join", "wendy@node-a", "--in", bobIn.toString(),
                "--out", bobOut.toString(), "--seconds", "14"));

        // THEN both views list both of them, the page shows who speaks, and both nodes agree
        wendy.awaitText("#voice-participants", "bob@node-b");
        wendy.awaitText("#voice-participants", "wendy@node-a (you)");
        wendy.awaitText("#voice-participants li.speaking", "speaking");
        JsonNode fromB = WireJson.mapper().readTree(awaitWho("bob", nodes, "wendy@node-a").stdout());
        assertEquals(Set.of("wendy@node-a", "bob@node-b"), users(fromB));
        wendy.screenshot("web-voice");

        // AND each hears the other: bob's --out follows wendy's microphone, the page's playback bob's --in
        assertEquals(0, bob.awaitExit(), bob.toString());
        assertTrue(bob.stderr().contains("heard wendy@node-a: "), bob.stderr());
        EnvelopeCorrelation atBob = EnvelopeCorrelation.of(wendySays.samples(), SpeechLikeSignal.readWav(bobOut));
        wendy.awaitText("#voice-participants", "wendy@node-a (you)");
        Path wendyHeard = data.resolve("wendy-heard.wav");
        wendy.download("#voice-save", wendyHeard);
        EnvelopeCorrelation atWendy = EnvelopeCorrelation.of(bobSays.samples(), SpeechLikeSignal.readWav(wendyHeard));
        System.out.println("Voice between the page and the CLI: bob heard wendy " + atBob + ", wendy heard bob "
                + atWendy + "\n" + bob.stderr());
        assertTrue(atBob.correlation() >= THRESHOLD, "bob heard wendy: " + atBob + "\n" + bob.stderr());
        assertTrue(atWendy.correlation() >= THRESHOLD, "wendy heard bob: " + atWendy);

        // AND on the WebSocket, both ways, every audio packet is ciphertext under a key of the room
        JsonNode frames = chromium.call("voiceFrames", "page", wendy.page);
        List<byte[]> keys = new ArrayList<>();
        chromium.call("aesKeys", "page", wendy.page).forEach(key -> keys.add(Base64.getDecoder().decode(key.asText())));
        List<Sealed> sent = sealed(frames.get("sent"), true);
        List<Sealed> received = sealed(frames.get("received"), false);
        assertTrue(sent.size() > 100 && received.size() > 100, sent.size() + " sent, " + received.size() + " received");
        assertCiphertextUnderTheRoomsKeys(sent, keys, wendySays);
        assertCiphertextUnderTheRoomsKeys(received, keys, bobSays);
        wendy.click("#voice-leave");
        wendy.awaitText("#voice-ended", "you left");
    }

    @Test
    void inAGroupsRoomThePageReplacesItsKeyWhenSomeoneLeavesAndIsStillHeard() throws Exception {
        // GIVEN gina in the page on node-a, who makes #choir, and ben (node-b) and carol (node-a) who join it
        WebUser gina = WebUser.register(chromium, "gina", nodes.a);
        gina.createGroup("choir");
        for (String[] joins : List.of(Cli.as(homes, "ben", nodes.b, "group", "join", "#choir@node-a"),
                Cli.as(homes, "carol", nodes.a, "group", "join", "#choir@node-a"))) {
            Cli joined = Cli.run(joins);
            assertEquals(0, joined.exitCode(), joined.toString());
        }
        nodes.awaitKnown("gina@node-a", "ben@node-b", "carol@node-a");

        // WHEN gina joins the group's voice room from the page, ben listens from node-b, and carol comes and goes
        gina.click("#conversation-actions .voice-join");
        gina.awaitText("#voice-title", "Voice: #choir@node-a");
        Path benOut = data.resolve("choir-ben-heard.wav");
        Cli ben = Cli.start(Cli.as(homes, "ben", nodes.b, "voice", "join", "#choir@node-a", "--out", benOut.toString(),
                "--seconds", "16"));
        gina.awaitText("#voice-participants", "ben@node-b");
        Cli carol = Cli.start(Cli.as(homes, "carol", nodes.a, "voice", "join", "#choir@node-a", "--seconds", "2"));
        gina.awaitText("#voice-participants", "carol@node-a");
        assertEquals(0, carol.awaitExit(), carol.toString());

        // THEN the page lists her no more
        await().atMost(Duration.ofSeconds(20)).until(() -> !chromium.call("text", "page", gina.page, "selector",
                "#voice-participants").asText().contains("carol@node-a"));
        assertEquals(0, ben.awaitExit(), ben.toString());
        assertTrue(ben.stderr().contains("carol@node-a left #choir@node-a"), ben.stderr());
        // AND ben heard gina after carol left: the last 8 s of his 16 hold a whole repetition of her 4 s signal
        short[] heard = SpeechLikeSignal.readWav(benOut);
        short[] afterCarol = java.util.Arrays.copyOfRange(heard, heard.length - 8 * SpeechLikeSignal.RATE, heard.length);
        EnvelopeCorrelation match = EnvelopeCorrelation.of(wendySays.samples(), afterCarol);
        System.out.println("#choir: ben heard gina after carol left " + match + "\n" + ben.stderr());
        assertTrue(match.correlation() >= THRESHOLD, match + "\n" + ben.stderr());
        assertTrue(ben.stderr().contains(", 0 did not open"), ben.stderr());
        List<byte[]> keys = new ArrayList<>();
        chromium.call("aesKeys", "page", gina.page).forEach(key -> keys.add(Base64.getDecoder().decode(key.asText())));
        Set<String> used = new HashSet<>();
        for (Sealed packet : sealed(chromium.call("voiceFrames", "page", gina.page).get("sent"), true)) {
            open(packet, keys, used);
        }
        // alone, with ben, with ben and carol, with ben again, alone again: a key for each epoch she sealed in
        assertTrue(used.size() >= 4, "gina sealed under " + used.size() + " keys: " + used);
        gina.click("#voice-leave");
    }

    /** One audio packet on the wire: the speaker, the number, and the sealed frame. */
    private record Sealed(int ssrc, long seq, byte[] sealed) {
    }

    private static List<Sealed> sealed(JsonNode frames, boolean fromPage) {
        List<Sealed> audio = new ArrayList<>();
        for (JsonNode frame : frames) {
            byte[] bytes = Base64.getDecoder().decode(frame.asText());
            Optional<VoicePacket> packet = fromPage ? VoicePacket.readFromClient(bytes) : VoicePacket.readFromNode(bytes);
            assertTrue(packet.isPresent(), "a voice message on the WebSocket that is no voice packet");
            if (packet.get().kind() == VoicePacket.Kind.AUDIO) {
                audio.add(new Sealed(packet.get().ssrc(), packet.get().seq(), packet.get().sealed()));
            }
        }
        return audio;
    }

    /**
     * Without a key, the sealed frames are no Opus: Concentus refuses them, or what it makes of them does
     * not follow the speech. With the keys the page holds, each opens and decodes as a 20 ms Opus frame,
     * and, in order, follows the speech.
     */
    private static void assertCiphertextUnderTheRoomsKeys(List<Sealed> packets, List<byte[]> keys,
                                                          SpeechLikeSignal speech) throws Exception {
        OpusDecoder asIs = new OpusDecoder(SpeechLikeSignal.RATE, 1);
        ByteArrayOutputStream withoutKey = new ByteArrayOutputStream();
        OpusDecoder opened = new OpusDecoder(SpeechLikeSignal.RATE, 1);
        ByteArrayOutputStream withKey = new ByteArrayOutputStream();
        Set<String> keysUsed = new HashSet<>();
        int refusedAsIs = 0;
        for (Sealed packet : packets) {
            byte[] ciphertext = java.util.Arrays.copyOfRange(packet.sealed(), VoiceKey.KEY_ID_BYTES, packet.sealed().length);
            short[] pcm = new short[960];
            try {
                write(withoutKey, pcm, asIs.decode(ciphertext, 0, ciphertext.length, pcm, 0, 960, false));
            } catch (OpusException | RuntimeException refused) {
                refusedAsIs++;
            }
            byte[] frame = open(packet, keys, keysUsed);
            assertEquals(960, opened.decode(frame, 0, frame.length, pcm, 0, 960, false), "an opened frame is 20 ms of Opus");
            write(withKey, pcm, 960);
        }
        short[] asOpusSamples = samples(withoutKey);
        // what is shorter than the speech cannot follow it (EnvelopeCorrelation finds no delay to try)
        double asOpus = asOpusSamples.length < speech.samples().length ? 0
                : EnvelopeCorrelation.of(speech.samples(), asOpusSamples).correlation();
        EnvelopeCorrelation decoded = EnvelopeCorrelation.of(speech.samples(), samples(withKey));
        System.out.println(packets.size() + " packets: without a key " + refusedAsIs + " refused by the Opus decoder,"
                + " the rest decoded to " + asOpusSamples.length * 1000L / SpeechLikeSignal.RATE + " ms of audio, envelope"
                + " correlation " + asOpus + "; opened with " + keysUsed.size() + " key(s) of the room: " + decoded);
        assertTrue(asOpus < 0.3, "ciphertext decoded as Opus follows the speech: " + asOpus);
        assertTrue(decoded.correlation() >= THRESHOLD, "the opened frames: " + decoded);
    }

    private static byte[] open(Sealed packet, List<byte[]> keys, Set<String> used) {
        for (byte[] key : keys) {
            VoiceKey candidate = new VoiceKey("room", 0, java.util.Arrays.copyOf(packet.sealed(), VoiceKey.KEY_ID_BYTES), key);
            try {
                byte[] frame = VoiceSeal.open(candidate, packet.ssrc(), packet.seq(), packet.sealed());
                used.add(candidate.keyIdHex());
                return frame;
            } catch (OpenFailure notThisOne) {
                // the page imported other keys too (its messages' and its groups')
            }
        }
        throw new AssertionError("frame " + packet.seq() + " of ssrc " + packet.ssrc() + " opens with no key the page held");
    }

    private static void write(ByteArrayOutputStream out, short[] pcm, int count) {
        ByteBuffer bytes = ByteBuffer.allocate(count * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            bytes.putShort(pcm[i]);
        }
        out.writeBytes(bytes.array());
    }

    private static short[] samples(ByteArrayOutputStream out) {
        ByteBuffer bytes = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        short[] samples = new short[bytes.remaining() / 2];
        bytes.asShortBuffer().get(samples);
        return samples;
    }

    /** {@code parley voice who} as {@code user} of node-b, once it lists two participants. */
    private Cli awaitWho(String user, LinkedNodes at, String room) {
        Cli[] last = new Cli[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            last[0] = Cli.run(Cli.as(homes, user, at.b, "voice", "who", room, "--json"));
            return last[0].exitCode() == 0 && users(WireJson.mapper().readTree(last[0].stdout())).size() == 2;
        });
        assertFalse(last[0].stdout().isBlank());
        return last[0];
    }

    private static Set<String> users(JsonNode room) {
        Set<String> users = new HashSet<>();
        room.path("participants").forEach(p -> users.add(p.path("user").asText()));
        return users;
    }
}
