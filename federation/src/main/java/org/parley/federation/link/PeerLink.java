package org.parley.federation.link;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.security.SecureRandom;
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
import org.parley.protocol.frame.FrameDecoder;
import org.parley.protocol.frame.ProtocolException;
import org.parley.protocol.identity.Name;
import org.parley.transport.CloseCause;
import org.parley.transport.TcpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection to another node. Both sides open with {@link PeerHello} and then prove their
 * key with {@link PeerProof}; only then is the link up and do frames reach the owner. Everything
 * runs on the federation context; {@link #send} may be called from it only.
 */
public final class PeerLink implements LinkedPeer {

    private static final Logger LOG = LoggerFactory.getLogger(PeerLink.class);
    private static final int NONCE_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where the link is in its life. */
    public enum State { AWAITING_HELLO, AWAITING_PROOF, UP, CLOSED }

    private final NetSocket socket;
    private final boolean dialed;
    private final NodeIdentity self;
    private final PinnedKeys pins;
    private final PeerAdmission admission;
    private final LinkEvents events;
    private final FrameDecoder<PeerMessage> decoder = PeerWire.decoder();
    /** Control and chat first, then bulk streams in turn. */
    private final LinkScheduler writer;
    private final String remote;
    private final String nonce;
    /** The accepting node's certificate fingerprint as seen here; signed into the handshake. */
    private final String tlsBinding;
    private State state = State.AWAITING_HELLO;
    private PeerHello peer;
    private byte[] peerKey;
    private long lastHeard = System.nanoTime();
    private long lastSent = System.nanoTime();
    /** Set per frame sent; the heartbeat timer turns it into {@code lastSent}, so no clock read per frame. */
    private boolean sentSinceCheck;
    /** When the ping waiting for its pong left; 0 while none waits. */
    private long pingSentAt;
    /** When the last pong came, or the link came up: a ping goes out a heartbeat after it. */
    private long pongAt = System.nanoTime();
    /** The round trip of the last ping answered; -1 before any. Read from any thread. */
    private volatile long rttNanos = -1;
    private String closeReason;

    public PeerLink(NetSocket socket, Context context, boolean dialed, NodeIdentity self, PinnedKeys pins,
                    PeerAdmission admission, LinkEvents events, long maxQueuedBytes, String tlsBinding) {
        this.socket = socket;
        this.tlsBinding = tlsBinding;
        this.dialed = dialed;
        this.self = self;
        this.pins = pins;
        this.admission = admission;
        this.events = events;
        this.remote = String.valueOf(socket.remoteAddress());
        byte[] nonceBytes = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonceBytes);
        this.nonce = Base64Key.encode(nonceBytes);
        this.writer = new LinkScheduler(context, new TcpTransport(socket), maxQueuedBytes,
                () -> context.runOnContext(v -> close("the peer stopped reading and its queue overflowed")));
    }

    public void start() {
        socket.handler(this::onData);
        socket.closeHandler(v -> onClosed());
        socket.exceptionHandler(e -> LOG.debug("Link {} socket error: {}", describe(), e.getMessage()));
        send(new PeerHello(PeerWire.VERSION, self.name(), Base64Key.encode(self.publicKey()), nonce));
    }

    /** The peer's node name once it said hello; null before. */
    @Override
    public String peerName() {
        return peer == null ? null : peer.node();
    }

    /** Whether this side opened the connection. */
    public boolean dialed() {
        return dialed;
    }

    public State state() {
        return state;
    }

    public String remote() {
        return remote;
    }

    /** The peer's IP address as this connection reaches it: where its voice datagrams go. */
    public String remoteHost() {
        return socket.remoteAddress().hostAddress();
    }

    @Override
    public void send(PeerMessage message) {
        sendFrame(PeerWire.encoder().encode(message));
    }

    public void send(PeerMessage message, byte[] body) {
        sendFrame(PeerWire.encoder().encode(message, body));
    }

    /** Queues an encoded control or chat frame; false if the link is closing. */
    public boolean sendFrame(byte[] frame) {
        if (state == State.CLOSED || closeReason != null) {
            return false;
        }
        sentSinceCheck = true;
        return writer.offer(frame);
    }

    /**
     * A bulk stream on this link may send: its frames go in turn with the other streams', behind every
     * control and chat frame. Ignored once the link is closing.
     */
    public void sendBulk(BulkSource stream) {
        if (state == State.UP && closeReason == null) {
            sentSinceCheck = true;
            writer.ready(stream);
        }
    }

    /** Control and chat bytes waiting for the peer to read: what this link holds besides bulk streams. */
    public long queuedBytes() {
        return writer.queuedBytes();
    }

    private void onData(Buffer data) {
        if (closeReason != null) {
            return;
        }
        lastHeard = System.nanoTime();
        try {
            decoder.feed((target, at) -> data.getBytes(0, data.length(), target, at), data.length(), this::onFrame);
        } catch (ProtocolException e) {
            refuse("sent a malformed frame: " + e.getMessage());
        } catch (RuntimeException | Error e) {
            if (!decoder.failed()) {
                throw e; // a frame's handler failed: the frames after it are still in step
            }
            // Bytes of the peer's were lost here (out of memory, most likely): what follows them would
            // be read out of step, and the peer blamed for a malformed frame it never sent.
            LOG.error("Link with {} ({}) lost bytes it had received ({}); closing it, to be linked again",
                    describePeer(), remote, e.toString());
            close(describeSelf() + " lost bytes it had received from " + describePeer() + " (" + e + ")");
        }
    }

    private void onFrame(Frame<PeerMessage> frame) {
        if (closeReason != null) {
            return;
        }
        PeerMessage message = frame.header();
        if (message instanceof LinkClose close) {
            LOG.warn("The link with {} ({}) was closed by the peer: {}", describePeer(), remote, close.reason());
            closeQuietly("the peer closed it: " + close.reason());
            return;
        }
        switch (state) {
            case AWAITING_HELLO -> {
                if (message instanceof PeerHello hello) {
                    onHello(hello);
                } else {
                    refuse("sent " + message.getClass().getSimpleName() + " before its hello");
                }
            }
            case AWAITING_PROOF -> {
                if (message instanceof PeerProof proof) {
                    onProof(proof);
                } else {
                    refuse("sent " + message.getClass().getSimpleName() + " before proving its key");
                }
            }
            case UP -> {
                if (message instanceof LinkPing) {
                    send(new LinkPong());
                } else if (message instanceof LinkPong) {
                    if (pingSentAt != 0) { // besides lastHeard, the round trip of our ping
                        pongAt = System.nanoTime();
                        rttNanos = pongAt - pingSentAt;
                        pingSentAt = 0;
                    }
                } else if (message instanceof PeerHello || message instanceof PeerProof) {
                    refuse("repeated its handshake on a link that is up");
                } else {
                    events.onFrame(this, frame);
                }
            }
            case CLOSED -> { }
        }
    }

    private void onHello(PeerHello hello) {
        if (hello.version() != PeerWire.VERSION) {
            refuse("speaks link protocol version " + hello.version() + "; " + self.name() + " speaks "
                    + PeerWire.VERSION);
            return;
        }
        if (!Name.isValid(hello.node())) {
            refuse("gave an invalid node name '" + hello.node() + "'");
            return;
        }
        if (hello.node().equals(self.name())) {
            refuse("is this node itself (" + self.name() + "); a peer address points back at this node");
            return;
        }
        byte[] key;
        try {
            key = Base64Key.decode(hello.key(), Ed25519.KEY_BYTES, "key");
            Base64Key.decode(hello.nonce(), NONCE_BYTES, "nonce");
        } catch (IllegalArgumentException e) {
            refuse("sent a bad hello: " + e.getMessage());
            return;
        }
        java.util.Optional<String> refusal = admission.refusal(hello.node(), key);
        if (refusal.isPresent()) {
            peer = hello;
            refuse(refusal.get());
            return;
        }
        peer = hello;
        peerKey = key;
        state = State.AWAITING_PROOF;
        byte[] transcript = HandshakeTranscript.of(self.name(), Base64Key.encode(self.publicKey()), nonce,
                hello.node(), hello.key(), hello.nonce(), tlsBinding);
        send(new PeerProof(Base64Key.encode(self.sign(transcript))));
    }

    private void onProof(PeerProof proof) {
        byte[] signature;
        try {
            signature = Base64Key.decode(proof.signature(), Ed25519.SIGNATURE_BYTES, "signature");
        } catch (IllegalArgumentException e) {
            refuse("sent a bad proof: " + e.getMessage());
            return;
        }
        byte[] transcript = HandshakeTranscript.of(peer.node(), peer.key(), peer.nonce(),
                self.name(), Base64Key.encode(self.publicKey()), nonce, tlsBinding);
        if (!Ed25519.verify(peerKey, transcript, signature)) {
            refuse("could not prove it holds the key it presented over this connection (a bad signature, or"
                    + " TLS terminated by something in between: " + self.name() + " saw certificate " + tlsBinding + ")");
            return;
        }
        if (pins.check(peer.node(), peerKey) instanceof PinnedKeys.Verdict.New) {
            pins.pin(peer.node(), peerKey, "on a link from " + remote);
        }
        state = State.UP;
        decoder.limits(PeerWire.LIMITS);
        events.onUp(this);
    }

    /** Closes because the peer broke the rules; both logs say why. */
    public void refuse(String why) {
        LOG.warn("Refused link with {} ({}): it {}", describePeer(), remote, why);
        if (closeReason == null) {
            closeReason = "refused: it " + why;
            writer.closeAfter(PeerWire.encoder().encode(new LinkClose(describeSelf() + " refused the link: "
                    + describePeer() + " " + why)), CloseCause.POLICY_VIOLATION);
        }
    }

    /** Closes after telling the peer why; frames already queued go first. */
    public void close(String reason) {
        if (closeReason == null && state != State.CLOSED) {
            closeReason = reason;
            writer.closeAfter(PeerWire.encoder().encode(new LinkClose(reason)), CloseCause.NORMAL);
        }
    }

    private void closeQuietly(String reason) {
        if (closeReason == null && state != State.CLOSED) {
            closeReason = reason;
            writer.closeAfter(null, CloseCause.NORMAL);
        }
    }

    private void onClosed() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        events.onClosed(this, closeReason != null ? closeReason : "connection lost");
    }

    /** Called by the owner's timer: pings an idle link, closes a silent or stuck one. */
    public void checkLiveness(long now, long heartbeatNanos) {
        if (state == State.CLOSED || closeReason != null) {
            return;
        }
        if (sentSinceCheck) {
            sentSinceCheck = false;
            lastSent = now;
        }
        if (now - lastHeard > 3 * heartbeatNanos) {
            LOG.warn("Link with {} ({}) silent for {} s; closing it", describePeer(), remote,
                    (now - lastHeard) / 1_000_000_000L);
            closeQuietly(state == State.UP ? "silent for three heartbeats" : "handshake timed out");
            socket.close();
        } else if (state == State.UP && (now - lastSent > heartbeatNanos
                || pingSentAt == 0 && (now - pongAt > heartbeatNanos || rttNanos < 0))) {
            // An idle link pings to stay up, answered or not; a busy one gets a ping a heartbeat after
            // the last pong too, so that its round trip stays measured, and a new link's first ping goes
            // at once, so that its round trip is known within a heartbeat. Pongs come in the order of
            // the pings, so the round trip runs from the oldest ping not answered to the next pong.
            if (pingSentAt == 0) {
                pingSentAt = now;
            }
            send(new LinkPing());
        }
    }

    /**
     * The round trip of this link's last ping and its pong, in nanoseconds, as the link measures it
     * every heartbeat; -1 before the first pong. From any thread.
     */
    public long rttNanos() {
        return rttNanos;
    }

    /** The round trip of the link's last answered heartbeat, in milliseconds; -1 if none was answered yet. */
    public long rttMillis() {
        long rtt = rttNanos;
        return rtt < 0 ? -1 : java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(rtt);
    }

    private String describePeer() {
        return peer == null ? "an unnamed node" : "node " + peer.node();
    }

    private String describeSelf() {
        return "node " + self.name();
    }

    private String describe() {
        return describePeer() + " (" + remote + ")";
    }

    @Override
    public String toString() {
        return "PeerLink[" + describe() + (dialed ? ", dialed" : ", accepted") + ", " + state + "]";
    }
}
