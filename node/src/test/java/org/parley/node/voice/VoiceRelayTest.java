package org.parley.node.voice;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.parley.federation.voice.SealedDatagram;
import org.parley.node.Node;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.GroupAction;
import org.parley.protocol.message.VoiceJoined;
import org.parley.protocol.message.VoiceRoom;
import org.parley.protocol.voice.VoicePacket;

/**
 * Voice through two real linked nodes on 127.0.0.1: participants on node-a and node-b in group rooms
 * and calls, with sealed bytes made up by the test (the client's own tests seal real Opus). Each test
 * has users and rooms of its own on the same two nodes, whose silent participants drop out after 2 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VoiceRelayTest {

    private static final VoiceTimings TIMINGS = new VoiceTimings(Duration.ofSeconds(2), Duration.ofMillis(500),
            Duration.ofSeconds(5));
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Vertx vertx;
    private VoiceNodes nodes;
    private Node a;
    private Node b;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Random random = new Random(23);

    @BeforeAll
    void startNodes(@TempDir Path root) throws Exception {
        vertx = Vertx.vertx();
        nodes = new VoiceNodes(vertx, root, TIMINGS);
        a = nodes.a;
        b = nodes.b;
        await().atMost(WAIT).until(() -> a.federation().voice().generation("node-b") != 0
                && b.federation().voice().generation("node-a") != 0);
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        opened.clear();
    }

    @AfterAll
    void stopNodes() throws Exception {
        nodes.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private VoiceUser user(Node node, String name) throws Exception {
        VoiceUser user = VoiceUser.login(node.port(), name, node.name());
        opened.add(user);
        return user;
    }

    /** The user's UDP line, latched and kept alive. */
    private VoiceLine line(Node node, VoiceJoined joined) throws Exception {
        VoiceLine line = new VoiceLine(node.voicePort(), joined.token());
        opened.add(line);
        line.keepAlive();
        return line;
    }

    private void awaitKnown(VoiceUser... users) {
        await().atMost(WAIT).until(() -> {
            for (VoiceUser user : users) {
                UserAddress address = UserAddress.parse(user.address, null);
                if (a.federation().directory().user(address).isEmpty()
                        || b.federation().directory().user(address).isEmpty()) {
                    return false;
                }
            }
            return true;
        });
    }

    /** A group of node-a that {@code owner} (of node-a) made and {@code members} joined. */
    private String group(String name, VoiceUser owner, VoiceUser... members) throws Exception {
        owner.group(GroupAction.CREATE, "#" + name, true);
        for (VoiceUser member : members) {
            member.group(GroupAction.JOIN, "#" + name + "@node-a", null);
        }
        return "#" + name + "@node-a";
    }

    /** alice (of node-a) and bob (of node-b) in the voice room of group {@code name} of node-a, each latched. */
    private record Pair(VoiceUser alice, VoiceUser bob, String room, VoiceJoined aliceIn, VoiceJoined bobIn,
                        VoiceLine aliceLine, VoiceLine bobLine) {
    }

    private Pair pair(String name, String suffix) throws Exception {
        VoiceUser alice = user(a, "alice" + suffix);
        VoiceUser bob = user(b, "bob" + suffix);
        awaitKnown(alice, bob);
        String room = group(name, alice, bob);
        VoiceJoined aliceIn = alice.join(room);
        VoiceJoined bobIn = bob.join(room);
        return new Pair(alice, bob, room, aliceIn, bobIn, line(a, aliceIn), line(b, bobIn));
    }

    private byte[] sealed(int bytes) {
        byte[] sealed = new byte[bytes];
        random.nextBytes(sealed);
        return sealed;
    }

    private static List<String> users(List<VoiceRoom.Participant> participants) {
        return participants.stream().map(VoiceRoom.Participant::user).toList();
    }

    private static void assertPacket(int ssrc, long seq, byte[] sealed, VoicePacket got) {
        assertEquals(ssrc, got.ssrc(), "ssrc");
        assertEquals(seq, got.seq(), "seq");
        assertArrayEquals(sealed, got.sealed(), "sealed bytes of packet " + seq);
    }

    @Test
    void aGroupRoomCarriesEveryPacketUnchangedToTheOtherNodeAndNeverBackToItsSpeaker() throws Exception {
        Pair pair = pair("team1", "1");
        VoiceJoined aliceIn = pair.aliceIn();
        VoiceJoined bobIn = pair.bobIn();
        VoiceLine aliceLine = pair.aliceLine();
        VoiceLine bobLine = pair.bobLine();
        assertEquals(pair.room(), bobIn.room());
        List<String> both = List.of(pair.alice().address, pair.bob().address);
        assertEquals(both, users(bobIn.participants()));
        assertEquals(both, users(pair.alice().news(pair.room(), r -> r.participants().size() == 2).participants()));

        List<byte[]> sent = new ArrayList<>();
        for (int seq = 0; seq < 20; seq++) {
            sent.add(sealed(60 + seq));
            aliceLine.audio(aliceIn.ssrc(), seq, sent.get(seq));
        }
        for (int seq = 0; seq < 20; seq++) {
            assertPacket(aliceIn.ssrc(), seq, sent.get(seq), bobLine.receive());
        }
        byte[] answer = sealed(80);
        bobLine.audio(bobIn.ssrc(), 0, answer);
        // The first thing alice hears is bob: none of her own twenty packets came back to her.
        assertPacket(bobIn.ssrc(), 0, answer, aliceLine.receive());
    }

    @Test
    void aCallRingsTheOtherPartyAndCarriesAudioBothWays() throws Exception {
        VoiceUser carol = user(a, "carol2");
        VoiceUser dave = user(b, "dave2");
        awaitKnown(carol, dave);
        VoiceJoined carolIn = carol.join("dave2@node-b");
        assertEquals("dave2@node-b", carolIn.room());
        assertEquals(List.of(carol.address), users(carolIn.participants()));
        VoiceRoom ringing = dave.news("carol2@node-a", r -> true);
        assertEquals(List.of(carol.address), users(ringing.participants()));

        VoiceJoined daveIn = dave.join("carol2@node-a");
        assertEquals("carol2@node-a", daveIn.room());
        assertEquals(List.of(carol.address, dave.address), users(daveIn.participants()));
        carol.news("dave2@node-b", r -> r.participants().size() == 2);
        VoiceLine carolLine = line(a, carolIn);
        VoiceLine daveLine = line(b, daveIn);

        byte[] hello = sealed(120);
        carolLine.audio(carolIn.ssrc(), 1, hello);
        assertPacket(carolIn.ssrc(), 1, hello, daveLine.receive());
        byte[] reply = sealed(90);
        daveLine.audio(daveIn.ssrc(), 1, reply);
        assertPacket(daveIn.ssrc(), 1, reply, carolLine.receive());
    }

    @Test
    void bothNodesListBothParticipantsAndWhoIsSpeakingWhileTheirAudioFlows() throws Exception {
        Pair pair = pair("team3", "3");
        VoiceUser alice = pair.alice();
        VoiceUser bob = pair.bob();
        String room = pair.room();
        VoiceJoined aliceIn = pair.aliceIn();
        VoiceJoined bobIn = pair.bobIn();
        VoiceLine aliceLine = pair.aliceLine();
        for (VoiceUser asker : List.of(alice, bob)) {
            VoiceRoom who = asker.who(room);
            assertEquals(List.of(alice.address, bob.address), users(who.participants()), asker.name + " asked");
            assertEquals(List.of(false, false), who.participants().stream().map(VoiceRoom.Participant::speaking)
                    .toList(), asker.name + " asked");
        }

        // WHEN alice talks (a packet every 20 ms), THEN both nodes show her speaking, and bob not
        ScheduledExecutorService talk = Executors.newSingleThreadScheduledExecutor();
        AtomicLong seq = new AtomicLong();
        try {
            talk.scheduleAtFixedRate(() -> {
                try {
                    aliceLine.audio(aliceIn.ssrc(), seq.getAndIncrement(), sealed(40));
                } catch (java.io.IOException ignored) {
                    // the test is over
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            for (VoiceUser asker : List.of(alice, bob)) {
                await().atMost(WAIT).until(() -> asker.who(room).participants().equals(List.of(
                        new VoiceRoom.Participant(alice.address, aliceIn.ssrc(), true),
                        new VoiceRoom.Participant(bob.address, bobIn.ssrc(), false))));
            }
        } finally {
            talk.shutdownNow();
        }
        // AND once she stops, she is not speaking any more
        await().atMost(WAIT).until(() -> !bob.who(room).participants().get(0).speaking());
    }

    @Test
    void aDatagramWithATokenTheNodeDidNotGiveIsDroppedAndCounted() throws Exception {
        VoiceUser alice = user(a, "alice4");
        VoiceUser hank = user(a, "hank4");
        String room = group("team4", alice, hank);
        VoiceJoined aliceIn = alice.join(room);
        VoiceJoined hankIn = hank.join(room);
        VoiceLine aliceLine = line(a, aliceIn);
        VoiceLine hankLine = line(a, hankIn);
        long before = VoiceNodes.dropped(a, VoiceDrop.UNKNOWN_TOKEN);

        byte[] stranger = new byte[VoicePacket.TOKEN_BYTES];
        random.nextBytes(stranger);
        VoiceLine forger = new VoiceLine(a.voicePort(), java.util.Base64.getEncoder().encodeToString(stranger));
        opened.add(forger);
        forger.audio(aliceIn.ssrc(), 1, sealed(50));
        forger.keepalive();
        await().atMost(WAIT).until(() -> VoiceNodes.dropped(a, VoiceDrop.UNKNOWN_TOKEN) == before + 2);

        byte[] genuine = sealed(50);
        aliceLine.audio(aliceIn.ssrc(), 2, genuine);
        assertPacket(aliceIn.ssrc(), 2, genuine, hankLine.receive());
    }

    @Test
    void audioFromAnotherAddressIsNotRelayedUntilAKeepaliveFromThereMovesTheLatch() throws Exception {
        Pair pair = pair("team5", "5");
        VoiceJoined aliceIn = pair.aliceIn();
        VoiceLine first = pair.aliceLine();
        VoiceLine bobLine = pair.bobLine();
        first.silence(); // still latched there; alice's keepalives will come from the second address
        VoiceLine second = new VoiceLine(a.voicePort(), aliceIn.token());
        opened.add(second);
        int ssrc = aliceIn.ssrc();
        long unlatched = VoiceNodes.dropped(a, VoiceDrop.UNLATCHED);

        // GIVEN audio from a second address with alice's token: dropped, and counted
        second.audio(ssrc, 100, sealed(30));
        await().atMost(WAIT).until(() -> VoiceNodes.dropped(a, VoiceDrop.UNLATCHED) == unlatched + 1);
        byte[] fromFirst = sealed(30);
        first.audio(ssrc, 101, fromFirst);
        assertPacket(ssrc, 101, fromFirst, bobLine.receive());

        // WHEN the second address sends a keepalive, THEN its audio goes through and the first's does not
        second.keepAlive();
        byte[] moved = sealed(30);
        second.audio(ssrc, 102, moved);
        assertPacket(ssrc, 102, moved, bobLine.receive());
        first.audio(ssrc, 103, sealed(30));
        await().atMost(WAIT).until(() -> VoiceNodes.dropped(a, VoiceDrop.UNLATCHED) == unlatched + 2);
        byte[] after = sealed(30);
        second.audio(ssrc, 104, after);
        assertPacket(ssrc, 104, after, bobLine.receive());
    }

    @Test
    void aForgedOrReplayedDatagramBetweenNodesIsDroppedAndCounted() throws Exception {
        // A datagram node-a really sealed for node-b, for a room node-b is not in: it passes the checks
        // and is dropped as for no room; the same bytes again are a replay; any byte changed, a forgery.
        byte[] payload = new RelayPayload(RelayPayload.Way.FROM_HOME, Long.MAX_VALUE, 7, 1, sealed(40)).encode();
        SealedDatagram genuine = a.federation().voice().seal("node-b", payload);
        long noRoom = VoiceNodes.dropped(b, VoiceDrop.UNKNOWN_ROOM);
        long replayed = VoiceNodes.dropped(b, VoiceDrop.REPLAYED);
        long forged = VoiceNodes.dropped(b, VoiceDrop.FORGED);
        try (DatagramSocket rogue = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress nodeB = new InetSocketAddress(InetAddress.getLoopbackAddress(), b.voicePort());
            rogue.send(new DatagramPacket(genuine.bytes(), genuine.bytes().length, nodeB));
            await().atMost(WAIT).until(() -> VoiceNodes.dropped(b, VoiceDrop.UNKNOWN_ROOM) == noRoom + 1);

            rogue.send(new DatagramPacket(genuine.bytes(), genuine.bytes().length, nodeB));
            await().atMost(WAIT).until(() -> VoiceNodes.dropped(b, VoiceDrop.REPLAYED) == replayed + 1);

            byte[] badTag = genuine.bytes().clone();
            badTag[badTag.length - 1] ^= 1;
            byte[] altered = a.federation().voice().seal("node-b", payload).bytes();
            altered[30] ^= 1;
            byte[] unknownPath = genuine.bytes().clone();
            unknownPath[1] ^= 1;
            for (byte[] forgery : List.of(badTag, altered, unknownPath)) {
                rogue.send(new DatagramPacket(forgery, forgery.length, nodeB));
            }
            await().atMost(WAIT).until(() -> VoiceNodes.dropped(b, VoiceDrop.FORGED) == forged + 3);
        }
        assertEquals(noRoom + 1, VoiceNodes.dropped(b, VoiceDrop.UNKNOWN_ROOM));
    }

    @Test
    void aNonMemberIsRefusedAndARoomWithoutAPathIsUnreachable() throws Exception {
        VoiceUser alice = user(a, "alice6");
        VoiceUser erin = user(b, "erin6");
        VoiceUser frank = user(a, "frank6");
        awaitKnown(alice, erin);
        String room = group("team6", alice);
        alice.join(room);
        for (VoiceUser stranger : List.of(erin, frank)) {
            ErrorFrame refused = assertInstanceOf(ErrorFrame.class, stranger.tryJoin(room), stranger.name);
            assertEquals(ErrorCode.NOT_MEMBER, refused.code(), stranger.name + ": " + refused.message());
            assertEquals(ErrorCode.NOT_MEMBER, assertInstanceOf(ErrorFrame.class, stranger.tryWho(room)).code());
        }
        assertEquals(ErrorCode.NO_SUCH_GROUP, assertInstanceOf(ErrorFrame.class, erin.tryJoin("#nothing@node-a"))
                .code());
        assertEquals(ErrorCode.NODE_UNREACHABLE, assertInstanceOf(ErrorFrame.class,
                erin.tryJoin("#team@node-z")).code());
        assertEquals(ErrorCode.UNKNOWN_USER, assertInstanceOf(ErrorFrame.class, erin.tryJoin("nobody@node-a"))
                .code());
    }

    @Test
    void aParticipantRemovedFromTheGroupIsTakenOutOfItsVoiceRoom() throws Exception {
        Pair pair = pair("team11", "11");
        String room = pair.room();
        pair.alice().news(room, r -> r.participants().size() == 2);

        pair.alice().group(GroupAction.KICK, room, pair.bob().address, null);

        assertEquals(List.of(pair.alice().address), users(pair.alice().news(room, r -> r.participants().size() == 1)
                .participants()));
        assertEquals(List.of(pair.alice().address), users(pair.bob().news(room, r -> true).participants()));
        assertEquals(ErrorCode.NOT_MEMBER, assertInstanceOf(ErrorFrame.class, pair.bob().tryWho(room)).code());
    }

    @Test
    void aParticipantWhoFallsSilentDropsOutAndTheOthersHearIt() throws Exception {
        Pair pair = pair("team7", "7");
        VoiceUser alice = pair.alice();
        VoiceUser bob = pair.bob();
        String room = pair.room();

        pair.bobLine().silence();
        VoiceRoom without = alice.news(room, r -> r.participants().size() == 1);
        assertEquals(List.of(alice.address), users(without.participants()));
        assertEquals(List.of(alice.address), users(bob.news(room, r -> true).participants()));
        assertEquals(List.of(alice.address), users(bob.who(room).participants()));
    }

    @Test
    void aWebSocketSessionSpeaksAndHearsOnItsWebSocketAsAUdpOneDoesOnTheVoicePort() throws Exception {
        VoiceUser wendy = VoiceUser.loginOverWebSocket(vertx, a, "wendy-ws");
        opened.add(wendy);
        VoiceUser bob = user(b, "bob-ws");
        VoiceUser carl = VoiceUser.loginOverWebSocket(vertx, b, "carl-ws");
        opened.add(carl);
        awaitKnown(wendy, bob);
        String room = group("team-ws", wendy, bob);
        VoiceJoined wendyIn = wendy.join(room);
        VoiceJoined bobIn = bob.join(room);
        VoiceLine bobLine = line(b, bobIn);
        byte[] wendyToken = Base64.getDecoder().decode(wendyIn.token());

        // audio on the WebSocket before a keepalive there latched it is not relayed
        long unlatched = VoiceNodes.dropped(a, VoiceDrop.UNLATCHED);
        wendy.packet(VoicePacket.fromClient(wendyToken, wendyIn.ssrc(), 0, sealed(60)));
        await().atMost(WAIT).until(() -> VoiceNodes.dropped(a, VoiceDrop.UNLATCHED) > unlatched);

        // once latched, wendy's packets reach bob's UDP socket unchanged, and bob's reach her WebSocket
        wendy.keepAlive(wendyIn.token());
        for (long seq = 1; seq <= 20; seq++) {
            byte[] said = sealed(80);
            wendy.packet(VoicePacket.fromClient(wendyToken, wendyIn.ssrc(), seq, said));
            assertPacket(wendyIn.ssrc(), seq, said, bobLine.receive());
            byte[] answered = sealed(90);
            bobLine.audio(bobIn.ssrc(), seq, answered);
            assertPacket(bobIn.ssrc(), seq, answered, wendy.receivePacket());
        }

        // a token works on a WebSocket only for the session it was given to: carl's use of bob's is dropped
        long unknown = VoiceNodes.dropped(b, VoiceDrop.UNKNOWN_TOKEN);
        byte[] bobToken = Base64.getDecoder().decode(bobIn.token());
        carl.packet(VoicePacket.keepalive(bobToken));
        carl.packet(VoicePacket.fromClient(bobToken, bobIn.ssrc(), 100, sealed(60)));
        await().atMost(WAIT).until(() -> VoiceNodes.dropped(b, VoiceDrop.UNKNOWN_TOKEN) >= unknown + 2);
        byte[] still = sealed(70);
        wendy.packet(VoicePacket.fromClient(wendyToken, wendyIn.ssrc(), 21, still));
        assertPacket(wendyIn.ssrc(), 21, still, bobLine.receive());
        assertEquals(0, carl.packetsWaiting());
    }

    @Test
    void aWebSocketListenerThatStopsReadingLosesOnlyItsOwnPacketsAndKeepsItsSession() throws Exception {
        VoiceUser alice = user(a, "alice-slow");
        VoiceUser bob = user(b, "bob-slow");
        VoiceUser gus = VoiceUser.loginOverWebSocket(vertx, a, "gus-slow");
        opened.add(gus);
        awaitKnown(alice, bob);
        String room = group("team-slow", alice, bob, gus);
        VoiceJoined aliceIn = alice.join(room);
        VoiceLine aliceLine = line(a, aliceIn);
        VoiceLine bobLine = line(b, bob.join(room));
        VoiceJoined gusIn = gus.join(room);
        gus.keepAlive(gusIn.token());
        // alice speaks until gus hears her: his keepalive, on its way through his session, has latched his WebSocket
        long first = 0;
        for (VoicePacket heard = null; heard == null; first++) {
            assertTrue(first < 100, "gus never heard alice on his WebSocket");
            byte[] said = sealed(100);
            aliceLine.audio(aliceIn.ssrc(), first, said);
            assertPacket(aliceIn.ssrc(), first, said, bobLine.receive());
            heard = gus.pollPacket(100);
        }

        // gus's browser stops reading; 2,000 packets of 1,000 bytes, 20 at a time, still reach bob in order
        gus.reading(false);
        long slow = VoiceNodes.dropped(a, VoiceDrop.SLOW_WEB_LISTENER);
        int burst = 20;
        for (int round = 0; round < 100; round++) {
            List<byte[]> sent = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                sent.add(sealed(1000));
                aliceLine.audio(aliceIn.ssrc(), first + round * burst + i, sent.get(i));
            }
            for (int i = 0; i < burst; i++) {
                assertPacket(aliceIn.ssrc(), first + round * burst + i, sent.get(i), bobLine.receive());
            }
        }

        // gus lost packets of his own, counted, and his session lives on: he reads again and is answered
        assertTrue(VoiceNodes.dropped(a, VoiceDrop.SLOW_WEB_LISTENER) > slow, "no packet for gus was dropped");
        gus.reading(true);
        assertEquals(List.of(alice.address, bob.address, gus.address), users(gus.who(room).participants()));
    }

    @Test
    void aListenerThatNeverReadsCostsTheOthersNothing() throws Exception {
        VoiceUser alice = user(a, "alice8");
        VoiceUser bob = user(b, "bob8");
        VoiceUser hank = user(a, "hank8");
        VoiceUser gus = user(a, "gus8");
        awaitKnown(alice, bob);
        String room = group("team8", alice, bob, hank, gus);
        VoiceJoined aliceIn = alice.join(room);
        VoiceLine aliceLine = line(a, aliceIn);
        VoiceLine bobLine = line(b, bob.join(room));
        VoiceLine hankLine = line(a, hank.join(room));
        VoiceLine gusLine = VoiceLine.stalled(a.voicePort(), gus.join(room).token());
        opened.add(gusLine);
        gusLine.keepAlive();

        // 500 packets of 1,000 bytes, 20 at a time: gus's socket holds two of them and is never read
        int bursts = 25;
        int burst = 20;
        for (int round = 0; round < bursts; round++) {
            List<byte[]> sent = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                sent.add(sealed(1000));
                aliceLine.audio(aliceIn.ssrc(), (long) round * burst + i, sent.get(i));
            }
            for (int i = 0; i < burst; i++) {
                long seq = (long) round * burst + i;
                VoicePacket got = bobLine.receive();
                if (got.seq() != seq) {
                    System.err.println("DEBUG a " + a.voice().dropped() + " b " + b.voice().dropped());
                }
                assertPacket(aliceIn.ssrc(), seq, sent.get(i), got);
                assertPacket(aliceIn.ssrc(), seq, sent.get(i), hankLine.receive());
            }
        }
    }

    @Test
    void aSessionThatEndsLeavesItsRoomAndTheOthersHearIt() throws Exception {
        VoiceUser alice = user(a, "alice9");
        VoiceUser bob = user(b, "bob9");
        VoiceUser carol = user(a, "carol9");
        awaitKnown(alice, bob);
        String room = group("team9", alice, bob, carol);
        line(a, alice.join(room));
        line(b, bob.join(room));
        line(a, carol.join(room));
        alice.news(room, r -> r.participants().size() == 3);

        bob.close();
        assertEquals(List.of(alice.address, carol.address),
                users(alice.news(room, r -> r.participants().size() == 2).participants()));
        carol.close();
        assertEquals(List.of(alice.address), users(alice.news(room, r -> r.participants().size() == 1)
                .participants()));
        assertEquals(List.of(alice.address), users(alice.who(room).participants()));
    }

    @Test
    void joiningAnotherRoomLeavesTheFirstAndLeaveAnswersWithTheRoomAfter() throws Exception {
        VoiceUser alice = user(a, "alice10");
        VoiceUser bob = user(b, "bob10");
        awaitKnown(alice, bob);
        String first = group("first10", alice, bob);
        String second = group("second10", alice, bob);
        line(a, alice.join(first));
        line(b, bob.join(first));
        line(b, bob.join(second));
        assertEquals(List.of(alice.address), users(alice.news(first, r -> r.participants().size() == 1)
                .participants()));
        VoiceRoom left = bob.leave();
        assertEquals(second, left.room());
        assertEquals(List.of(), left.participants());
        assertEquals(List.of(), bob.who(second).participants());
    }
}
