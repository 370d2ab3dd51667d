package org.parley.node;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.security.SecureRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.parley.federation.link.HandshakeTranscript;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.wire.LinkClose;
import org.parley.federation.wire.LinkPing;
import org.parley.federation.wire.LinkPong;
import org.parley.federation.wire.PeerHello;
import org.parley.federation.wire.PeerMessage;
import org.parley.federation.wire.PeerProof;
import org.parley.federation.wire.PeerWire;
import org.parley.protocol.Protocol;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.frame.FrameDecoder;

/**
 * A node a test controls frame by frame: it does the real handshake with its own key, then sends
 * whatever the test wants (forged gossip, say) and records what comes back.
 */
final class RogueNode implements AutoCloseable {

    private final NodeIdentity identity;
    private final BlockingQueue<org.parley.protocol.frame.Frame<PeerMessage>> received = new LinkedBlockingQueue<>();
    private final NetClient client;
    private final Vertx vertx;
    private final String nonce;
    private int version = PeerWire.VERSION;
    private volatile NetSocket socket;
    /** Every write goes through the socket's context, in order, as a node's own writes do. */
    private volatile io.vertx.core.Context context;

    RogueNode(Vertx vertx, String name) {
        this(vertx, freshIdentity(name));
    }

    /** A rogue with a key made before, so that a node can be configured to trust it before it starts. */
    RogueNode(Vertx vertx, NodeIdentity identity) {
        this.identity = identity;
        this.vertx = vertx;
        this.client = vertx.createNetClient();
        byte[] nonceBytes = new byte[32];
        new SecureRandom().nextBytes(nonceBytes);
        this.nonce = Base64Key.encode(nonceBytes);
    }

    /** A new Ed25519 key for a node named {@code name}. */
    static NodeIdentity freshIdentity(String name) {
        return new NodeIdentity(name, new Ed25519PrivateKeyParameters(new SecureRandom()).getEncoded());
    }

    /** Says {@code version} in its hello instead of this build's link protocol version. */
    RogueNode speaking(int version) {
        this.version = version;
        return this;
    }

    NodeIdentity identity() {
        return identity;
    }

    /** The node record this node would publish, linked to {@code links}, first issued at {@code epoch}. */
    org.parley.federation.gossip.NodeRecord record(java.util.List<String> links, long epoch) {
        return record(links, java.util.Map.of(), epoch);
    }

    /** As {@link #record(java.util.List, long)}, vouching for {@code vouches} (node name to key fingerprint). */
    org.parley.federation.gossip.NodeRecord record(java.util.List<String> links, java.util.Map<String, String> vouches,
                                                    long epoch) {
        return new org.parley.federation.gossip.NodeRecord(identity.name(), Base64Key.encode(identity.publicKey()),
                Base64Key.encode(identity.agreementPublic()), links, vouches, epoch);
    }

    /** The envelope with the tag of this node's pair key with {@code destination}: authentic, as from this node. */
    org.parley.federation.wire.Envelope sealed(org.parley.federation.wire.Envelope envelope, byte[] body,
                                               org.parley.federation.gossip.NodeRecord destination) {
        return envelope.sealed(pairKey(destination).tag(envelope, body));
    }

    /** The acknowledgement with the tag of this node's pair key with {@code destination}. */
    org.parley.federation.wire.StreamAck sealed(org.parley.federation.wire.StreamAck ack,
                                                org.parley.federation.gossip.NodeRecord destination) {
        return ack.sealed(pairKey(destination).tag(ack));
    }

    private org.parley.federation.auth.PairKey pairKey(org.parley.federation.gossip.NodeRecord destination) {
        return org.parley.federation.auth.PairKey.of(identity, identity.name(), destination.name(),
                Base64Key.decode(destination.agreementKey(), 32, "agreement key"));
    }

    /** Connects and says hello; answers the peer's hello with a proof. */
    RogueNode connect(int s2sPort) throws Exception {
        // The handler is set in the connect callback, on the socket's loop: bytes that arrive before a
        // handler is set are lost. Connecting from a context of its own makes the callback run on that
        // loop as the connection completes, before any read; a callback added from the test thread ran
        // as a later task, and the peer's hello was sometimes read (and lost) first: the stalled handshakes.
        java.util.concurrent.CompletableFuture<NetSocket> connected = new java.util.concurrent.CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> client.connect(s2sPort, "127.0.0.1").onSuccess(this::read)
                .onComplete(done -> {
                    if (done.succeeded()) {
                        connected.complete(done.result());
                    } else {
                        connected.completeExceptionally(done.cause());
                    }
                }));
        connected.get(10, TimeUnit.SECONDS);
        return this;
    }

    private void read(NetSocket connected) {
        this.socket = connected;
        this.context = io.vertx.core.Vertx.currentContext();
        FrameDecoder<PeerMessage> decoder = PeerWire.decoder();
        decoder.limits(PeerWire.LIMITS); // the harness trusts what the node sends it
        socket.handler(data -> {
            try {
                decoder.feed(data.getBytes(), frame -> {
                    if (frame.header() instanceof LinkPing) {
                        write(new LinkPong());
                    }
                    if (frame.header() instanceof PeerHello hello) {
                        byte[] transcript = HandshakeTranscript.of(identity.name(),
                                Base64Key.encode(identity.publicKey()), nonce, hello.node(), hello.key(), hello.nonce(),
                                "plaintext");
                        write(new PeerProof(Base64Key.encode(identity.sign(transcript))));
                    }
                    received.add(frame);
                });
            } catch (Exception e) {
                received.add(new org.parley.protocol.frame.Frame<>(
                        new LinkClose("rogue could not decode: " + e.getMessage()), null));
            }
        });
        socket.closeHandler(v -> received.add(new org.parley.protocol.frame.Frame<>(new LinkClose("closed"), null)));
        write(new PeerHello(version, identity.name(), Base64Key.encode(identity.publicKey()), nonce));
    }

    /** Sends from the test thread, after everything queued before. */
    void send(PeerMessage message) {
        write(message);
    }

    /** Sends a header with a body (an envelope's message). */
    void send(PeerMessage message, byte[] body) {
        byte[] frame = PeerWire.encoder().encode(message, body);
        context.runOnContext(v -> socket.write(io.vertx.core.buffer.Buffer.buffer(frame)));
    }

    /**
     * Sends once the socket has room, so a test can flood at the pace the node reads without holding
     * the whole flood in memory.
     */
    void sendWhenWritable(PeerMessage message) throws Exception {
        java.util.concurrent.CompletableFuture<Void> room = new java.util.concurrent.CompletableFuture<>();
        context.runOnContext(v -> {
            if (socket.writeQueueFull()) {
                socket.drainHandler(drained -> room.complete(null));
            } else {
                room.complete(null);
            }
        });
        room.get(30, TimeUnit.SECONDS);
        write(message);
    }

    private void write(PeerMessage message) {
        byte[] frame = PeerWire.encoder().encode(message);
        context.runOnContext(v -> socket.write(io.vertx.core.buffer.Buffer.buffer(frame)));
    }

    /** Skips frames until one of {@code type} arrives. */
    <T extends PeerMessage> T await(Class<T> type) throws InterruptedException {
        return type.cast(awaitFrame(type).header());
    }

    /** Skips frames until one of {@code type} arrives; with its body. */
    org.parley.protocol.frame.Frame<PeerMessage> awaitFrame(Class<? extends PeerMessage> type)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            org.parley.protocol.frame.Frame<PeerMessage> frame =
                    received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame != null && type.isInstance(frame.header())) {
                return frame;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within 10 s");
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
        }
        client.close();
    }
}
