package org.parley.federation.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.federation.FederationConfig;
import org.parley.federation.FederationMode;
import org.parley.federation.gossip.DirectoryQuotas;
import org.parley.federation.net.TransportSecurity;
import org.parley.federation.wire.GossipDigest;
import org.parley.federation.wire.LinkClose;
import org.parley.federation.wire.LinkPing;
import org.parley.federation.wire.LinkPong;
import org.parley.federation.wire.PeerHello;
import org.parley.federation.wire.PeerMessage;
import org.parley.federation.wire.PeerProof;
import org.parley.federation.wire.PeerWire;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.crypto.Ed25519;
import org.parley.protocol.frame.Frame;

/**
 * A link accepted by node-a, over a real socket on 127.0.0.1 (a {@link PeerLink} is its socket),
 * with the other end played frame by frame: the handshake's order and checks, and what reaches the
 * link's owner.
 */
@ExtendWith(VertxExtension.class)
class PeerLinkTest {

    private final NodeIdentity a = identity("node-a");
    private final NodeIdentity b = identity("node-b");
    private final Events eventsOfA = new Events();
    private Vertx vertx;
    private NetServer server;
    private NetClient client;
    private RawPeer peer;

    @BeforeEach
    void listen(Vertx vertx) throws Exception {
        this.vertx = vertx;
        PinnedKeys pins = new PinnedKeys(Map.of(), Map.of("node-b", b.fingerprint()), new MemoryPinStore());
        FederationConfig config = config(a, b);
        server = vertx.createNetServer();
        server.connectHandler(socket -> new PeerLink(socket, Vertx.currentContext(), false, a, pins,
                new PeerAdmission(config, pins), eventsOfA, 1 << 20, "plaintext").start());
        int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
        peer = new RawPeer(vertx).connect(vertx, port);
    }

    @AfterEach
    void close() {
        peer.close();
        if (client != null) {
            client.close();
        }
        server.close();
    }

    @Test
    void aPeerThatProvesItsKeyIsUpAndOnlyThenDoItsFramesReachTheOwner() throws Exception {
        // GIVEN node-a's hello, which it sends first
        PeerHello hello = peer.next(PeerHello.class);
        assertEquals(new PeerHello(PeerWire.VERSION, "node-a", Base64Key.encode(a.publicKey()), hello.nonce()), hello);

        // WHEN node-b says hello and proves its key
        peer.hello(b, PeerWire.VERSION);
        PeerProof proof = peer.next(PeerProof.class);
        peer.prove(b, hello, b);
        peer.send(new GossipDigest(Map.of("node-b", 7L)));

        // THEN node-a proved its own key over this very connection, the link is up, and gossip reaches its owner
        assertTrue(Ed25519.verify(a.publicKey(), peer.transcriptFrom(hello, b),
                Base64Key.decode(proof.signature(), Ed25519.SIGNATURE_BYTES, "signature")));
        assertEquals("node-b UP", eventsOfA.up.poll(10, TimeUnit.SECONDS));
        assertEquals(new GossipDigest(Map.of("node-b", 7L)), eventsOfA.frames.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aFrameBeforeTheHelloIsRefusedAndTheLinkClosed() throws Exception {
        peer.next(PeerHello.class);

        peer.send(new GossipDigest(Map.of()));

        assertRefused("sent GossipDigest before its hello");
    }

    @Test
    void aFrameBeforeTheProofIsRefusedAndNeverReachesTheOwner() throws Exception {
        peer.next(PeerHello.class);
        peer.hello(b, PeerWire.VERSION);
        peer.next(PeerProof.class);

        peer.send(new GossipDigest(Map.of("node-b", 7L)));

        assertRefused("sent GossipDigest before proving its key");
        assertNull(eventsOfA.frames.poll());
    }

    @Test
    void aProofMadeWithAnotherKeyIsRefused() throws Exception {
        PeerHello hello = peer.next(PeerHello.class);
        peer.hello(b, PeerWire.VERSION);
        peer.next(PeerProof.class);

        peer.prove(b, hello, identity("rogue"));

        assertRefused("could not prove it holds the key it presented");
    }

    @Test
    void aNodeItsOperatorDidNotConfigureIsRefusedInClosedFederation() throws Exception {
        peer.next(PeerHello.class);

        peer.hello(identity("node-c"), PeerWire.VERSION);

        assertRefused("is not one of node-a's configured peers (federation is closed)");
    }

    @Test
    void aHelloInAnotherVersionOfTheProtocolIsRefused() throws Exception {
        peer.next(PeerHello.class);

        peer.hello(b, PeerWire.VERSION + 1);

        assertRefused("speaks link protocol version " + (PeerWire.VERSION + 1));
    }

    @Test
    void aNodeOfTheVersionBeforeVideoAndVoiceIsRefusedWithBothVersionsNamed() throws Exception {
        peer.next(PeerHello.class);

        peer.hello(b, 4);

        assertRefused("speaks link protocol version 4; node-a speaks 5");
    }

    @Test
    void aFrameOverTheHandshakesSizeLimitIsRefused() throws Exception {
        peer.next(PeerHello.class);

        peer.sendRaw(PeerWire.encoder().encode(new PeerHello(PeerWire.VERSION, "node-b", "x".repeat(20_000), "n")));

        assertRefused("sent a malformed frame");
    }

    @Test
    void onALinkThatIsUpAPingIsAnsweredAndARepeatedHelloRefused() throws Exception {
        PeerHello hello = peer.next(PeerHello.class);
        peer.hello(b, PeerWire.VERSION);
        peer.next(PeerProof.class);
        peer.prove(b, hello, b);
        eventsOfA.up.poll(10, TimeUnit.SECONDS);

        peer.send(new LinkPing());
        peer.next(LinkPong.class);
        peer.hello(b, PeerWire.VERSION);

        assertRefused("repeated its handshake on a link that is up");
        assertNull(eventsOfA.frames.poll(), "heartbeats and handshakes are the link's own business");
    }

    @Test
    void twoNodesLinkWithEachOther() throws Exception {
        // WHEN node-b dials node-a with a link of its own
        Events eventsOfB = new Events();
        PinnedKeys pinsOfB = new PinnedKeys(Map.of(), Map.of("node-a", a.fingerprint()), new MemoryPinStore());
        client = vertx.createNetClient();
        int port = server.actualPort();
        vertx.getOrCreateContext().runOnContext(v -> client.connect(port, "127.0.0.1").onSuccess(socket ->
                new PeerLink(socket, Vertx.currentContext(), true, b, pinsOfB, new PeerAdmission(config(b, a), pinsOfB),
                        eventsOfB, 1 << 20, "plaintext").start()));

        // THEN both ends are up, each with the other's key pinned
        assertEquals("node-a UP", eventsOfB.up.poll(10, TimeUnit.SECONDS));
        assertEquals("node-b UP", eventsOfA.up.poll(10, TimeUnit.SECONDS));
        assertArrayEquals(a.publicKey(), pinsOfB.keyOf("node-a").orElseThrow());
    }

    /** node-a told the peer why it refused and closed the link, its owner heard the same, and it never came up. */
    private void assertRefused(String why) throws Exception {
        LinkClose close = peer.next(LinkClose.class);
        assertTrue(close.reason().contains(why), close.reason());
        peer.closed();
        String reason = eventsOfA.closed.poll(10, TimeUnit.SECONDS);
        assertTrue(reason != null && reason.contains(why), String.valueOf(reason));
        assertNull(eventsOfA.up.poll());
    }

    private static FederationConfig config(NodeIdentity self, NodeIdentity peer) {
        return new FederationConfig(self.name(), "127.0.0.1", 0, List.of(), Set.of(),
                Map.of(peer.name(), peer.fingerprint()), FederationMode.CLOSED, 5, 100, 1000, 3600, 8, 1000,
                1 << 20, new TransportSecurity.Plaintext(), DirectoryQuotas.DEFAULTS);
    }

    private static NodeIdentity identity(String name) {
        return new NodeIdentity(name, new Ed25519PrivateKeyParameters(new SecureRandom()).getEncoded());
    }

    /** What a link told its owner, for the test thread to read. */
    private static final class Events implements LinkEvents {
        final BlockingQueue<String> up = new LinkedBlockingQueue<>();
        final BlockingQueue<PeerMessage> frames = new LinkedBlockingQueue<>();
        final BlockingQueue<String> closed = new LinkedBlockingQueue<>();

        @Override
        public void onUp(PeerLink link) {
            up.add(link.peerName() + " " + link.state());
        }

        @Override
        public void onFrame(PeerLink link, Frame<PeerMessage> frame) {
            frames.add(frame.header());
        }

        @Override
        public void onClosed(PeerLink link, String reason) {
            closed.add(reason);
        }
    }
}
