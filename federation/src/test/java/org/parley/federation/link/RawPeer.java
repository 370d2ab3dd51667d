package org.parley.federation.link;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.security.SecureRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.parley.federation.wire.PeerHello;
import org.parley.federation.wire.PeerMessage;
import org.parley.federation.wire.PeerProof;
import org.parley.federation.wire.PeerWire;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.frame.FrameDecoder;

/**
 * The other end of a {@link PeerLink}, played by a test frame by frame over a real socket: it sends
 * what the test says, in order, and keeps what arrives, and the end of the connection.
 */
public final class RawPeer implements AutoCloseable {

    /** Stands in the queue of what arrived once the connection has closed. */
    private static final Object CLOSED = new Object();

    private final NetClient client;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final String nonce;
    private volatile NetSocket socket;
    private volatile Context context;

    public RawPeer(Vertx vertx) {
        this.client = vertx.createNetClient();
        byte[] nonceBytes = new byte[32];
        new SecureRandom().nextBytes(nonceBytes);
        this.nonce = Base64Key.encode(nonceBytes);
    }

    /** Connects; the handler is set in the connect callback, on the socket's loop, before any read. */
    public RawPeer connect(Vertx vertx, int port) throws Exception {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> client.connect(port, "127.0.0.1").onComplete(done -> {
            if (done.failed()) {
                connected.completeExceptionally(done.cause());
                return;
            }
            socket = done.result();
            context = Vertx.currentContext();
            FrameDecoder<PeerMessage> decoder = PeerWire.decoder();
            decoder.limits(PeerWire.LIMITS);
            socket.handler(data -> {
                try {
                    decoder.feed(data.getBytes(), frame -> received.add(frame.header()));
                } catch (Exception e) {
                    throw new IllegalStateException("the link sent what its own codec cannot read", e);
                }
            });
            socket.closeHandler(closed -> received.add(CLOSED));
            connected.complete(null);
        }));
        connected.get(10, TimeUnit.SECONDS);
        return this;
    }

    /** Says hello as {@code identity}. */
    public void hello(NodeIdentity identity, int version) {
        send(new PeerHello(version, identity.name(), Base64Key.encode(identity.publicKey()), nonce));
    }

    /** Proves {@code identity}'s key to the node that said {@code theirs}, signing with {@code signer}'s key. */
    public void prove(NodeIdentity identity, PeerHello theirs, NodeIdentity signer) {
        byte[] transcript = HandshakeTranscript.of(identity.name(), Base64Key.encode(identity.publicKey()), nonce,
                theirs.node(), theirs.key(), theirs.nonce(), "plaintext");
        send(new PeerProof(Base64Key.encode(signer.sign(transcript))));
    }

    /** What the peer must have signed to prove its key to this end, which said hello as {@code identity}. */
    byte[] transcriptFrom(PeerHello theirs, NodeIdentity identity) {
        return HandshakeTranscript.of(theirs.node(), theirs.key(), theirs.nonce(), identity.name(),
                Base64Key.encode(identity.publicKey()), nonce, "plaintext");
    }

    public void send(PeerMessage message) {
        sendRaw(PeerWire.encoder().encode(message));
    }

    public void send(PeerMessage message, byte[] body) {
        sendRaw(PeerWire.encoder().encode(message, body));
    }

    void sendRaw(byte[] frame) {
        context.runOnContext(v -> socket.write(Buffer.buffer(frame)));
    }

    /** The next message that arrives, which must be a {@code type}. */
    public <T extends PeerMessage> T next(Class<T> type) throws InterruptedException {
        Object next = next();
        if (!type.isInstance(next)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but "
                    + (next == CLOSED ? "the connection closed" : "got " + next));
        }
        return type.cast(next);
    }

    /**
     * The next {@code type} that arrives, passing over what comes before it (gossip, heartbeats);
     * fails if the connection closes first.
     */
    public <T extends PeerMessage> T nextOf(Class<T> type) throws InterruptedException {
        while (true) {
            Object next = next();
            if (type.isInstance(next)) {
                return type.cast(next);
            }
            if (next == CLOSED) {
                throw new AssertionError("expected " + type.getSimpleName() + " but the connection closed");
            }
        }
    }

    /** Waits for the connection to close; nothing else may arrive first. */
    public void closed() throws InterruptedException {
        Object next = next();
        if (next != CLOSED) {
            throw new AssertionError("expected the connection to close but got " + next);
        }
    }

    private Object next() throws InterruptedException {
        Object next = received.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("nothing arrived within 10 s");
        }
        return next;
    }

    /** Waits for the connection to close, passing over what arrives first. */
    public void closedAfterAll() throws InterruptedException {
        while (next() != CLOSED) {
            // what the node sent before it closed
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
