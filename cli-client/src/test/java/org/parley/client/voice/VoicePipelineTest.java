package org.parley.client.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.e2ee.OpenFailure;
import org.parley.protocol.voice.VoiceKey;
import org.parley.protocol.voice.VoicePacket;
import org.parley.protocol.voice.VoiceSeal;

/**
 * The whole voice pipeline between two participants, in real time: alice's WAV file is noise
 * suppressed, Opus encoded, sealed and paced out over UDP through a relay in the test (the wire,
 * which may lose and replay), opened, checked, put in order and decoded at bob's, and written to his
 * WAV file. The metric is {@link EnvelopeCorrelation}: the Pearson correlation of 10 ms RMS
 * envelopes at the best delay. Thresholds: at least 0.8 on a clean wire, at least 0.6 with 10% of
 * the packets lost.
 */
class VoicePipelineTest {

    private static final String ROOM = "#team@node-a";
    private static final double SPEECH_SECONDS = 4;
    private static final int LISTEN_SECONDS = 6;

    @TempDir
    Path dir;
    private Vertx vertx;
    private UdpRelay relay;
    private final List<String> said = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        relay = new UdpRelay(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void speechArrivesTimeAlignedAndCorrelatedAndReplaysAreDropped() throws Exception {
        SpeechLikeSignal speech = SpeechLikeSignal.generate(SPEECH_SECONDS, 1);
        relay.replayEvery = 20; // the wire repeats an old packet now and then

        CallReport heard = speakAndListen(speech);

        short[] output = SpeechLikeSignal.readWav(dir.resolve("heard.wav"));
        assertEquals(LISTEN_SECONDS * SpeechLikeSignal.RATE, output.length,
                "the output runs at wall-clock time, silence where nobody speaks");
        EnvelopeCorrelation match = EnvelopeCorrelation.of(speech.samples(), output);
        System.out.println("clean wire: " + match + "; " + heard.lines());
        assertTrue(match.correlation() >= 0.8, "envelope correlation " + match);
        SpeakerStats alice = heard.speakers().get(0);
        assertEquals("alice@node-a", alice.user());
        assertTrue(relay.replayed.get() > 0);
        assertEquals(relay.replayed.get(), alice.replayed(), "every repeat was refused: " + alice.line());
        assertEquals(0, alice.undecryptable(), alice.line());
    }

    @Test
    void withTenPercentLossTheSpeechIsStillThere() throws Exception {
        SpeechLikeSignal speech = SpeechLikeSignal.generate(SPEECH_SECONDS, 2);
        relay.loss = 0.10;

        CallReport heard = speakAndListen(speech);

        EnvelopeCorrelation match = EnvelopeCorrelation.of(speech.samples(),
                SpeechLikeSignal.readWav(dir.resolve("heard.wav")));
        System.out.println("10% loss: " + match + "; " + heard.lines());
        assertTrue(match.correlation() >= 0.6, "envelope correlation with 10% loss " + match);
        SpeakerStats alice = heard.speakers().get(0);
        assertTrue(relay.lost.get() > 0);
        assertTrue(alice.recovered() + alice.concealed() >= relay.lost.get() / 2, alice.line());
        assertTrue(alice.recovered() > 0, "lost frames rebuilt from the next frame's FEC: " + alice.line());
    }

    @Test
    void whatTheWireCarriesDoesNotOpenOrDecodeWithoutTheKey() throws Exception {
        SpeechLikeSignal speech = SpeechLikeSignal.generate(SPEECH_SECONDS, 3);

        speakAndListen(speech);

        assertTrue(relay.wire.size() >= SPEECH_SECONDS * 45);
        SecureRandom random = new SecureRandom();
        List<short[]> decodedAsIs = new ArrayList<>();
        OpusDecoding decoder = new OpusDecoding();
        for (byte[] datagram : relay.wire) {
            VoicePacket packet = VoicePacket.readFromNode(datagram).orElseThrow();
            // a key with the id the packet names, but not its bytes: a guess
            VoiceKey guess = new VoiceKey(ROOM, 2, VoiceSeal.keyId(packet.sealed()),
                    VoiceKey.generate(ROOM, 2, random).key());
            assertThrows(OpenFailure.class, () -> VoiceSeal.open(guess, packet.ssrc(), packet.seq(), packet.sealed()));
            byte[] ciphertext = java.util.Arrays.copyOfRange(packet.sealed(), VoiceKey.KEY_ID_BYTES,
                    packet.sealed().length);
            decodedAsIs.add(decoder.decode(ciphertext));
        }
        short[] eavesdropped = new short[decodedAsIs.size() * VoiceFormat.FRAME_SAMPLES];
        for (int i = 0; i < decodedAsIs.size(); i++) {
            System.arraycopy(decodedAsIs.get(i), 0, eavesdropped, i * VoiceFormat.FRAME_SAMPLES,
                    VoiceFormat.FRAME_SAMPLES);
        }
        short[] padded = java.util.Arrays.copyOf(eavesdropped, Math.max(eavesdropped.length, speech.samples().length));
        EnvelopeCorrelation match = EnvelopeCorrelation.of(speech.samples(), padded);
        assertTrue(match.correlation() < 0.3, "the ciphertext decoded as Opus resembles the speech: " + match);
    }

    /** Bob joins and listens for LISTEN_SECONDS; alice joins and speaks the file; bob's report. */
    private CallReport speakAndListen(SpeechLikeSignal speech) throws Exception {
        Path in = dir.resolve("speech.wav");
        speech.write(in);
        TestRoom room = new TestRoom(vertx, ROOM, relay);

        CallMedia bobMedia = CallMedia.prepare(null, dir.resolve("heard.wav"), true, said::add);
        VoiceCall bob = new VoiceCall(vertx, room.member("bob@node-b"), bobMedia, LISTEN_SECONDS, said::add);
        room.hears("bob@node-b", bob);
        await(bob.join(ROOM));
        CallMedia aliceMedia = CallMedia.prepare(in, null, true, said::add);
        assertEquals(SPEECH_SECONDS, aliceMedia.inputSeconds(), 0.021);
        VoiceCall alice = new VoiceCall(vertx, room.member("alice@node-a"), aliceMedia, null, said::add);
        room.hears("alice@node-a", alice);
        await(alice.join(ROOM));

        assertEquals("the input ended", await(alice.ended()));
        CallReport spoke = await(alice.leave("done"));
        assertTrue(spoke.sent() >= SPEECH_SECONDS * VoiceFormat.FRAMES_PER_SECOND, spoke.lines().toString());
        assertEquals(LISTEN_SECONDS + " s passed", await(bob.ended()));
        CallReport heard = await(bob.leave("done"));
        assertTrue(said.contains("alice@node-a joined " + ROOM), said.toString());
        assertTrue(said.contains("alice@node-a left " + ROOM), said.toString());
        return heard;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(Duration.ofSeconds(20).toMillis(),
                TimeUnit.MILLISECONDS);
    }
}
