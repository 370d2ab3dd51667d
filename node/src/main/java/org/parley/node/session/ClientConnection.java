package org.parley.node.session;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;
import org.parley.node.limits.ConnectionGate;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.frame.FrameDecoder;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.frame.FrameLimits;
import org.parley.protocol.frame.ProtocolException;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.node.metrics.ClientTraffic;
import org.parley.protocol.message.Ping;
import org.parley.protocol.message.Pong;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.voice.VoicePacket;
import org.parley.transport.CloseCause;
import org.parley.transport.Framing;
import org.parley.transport.OutboundQueue;
import org.parley.transport.PullLane;
import org.parley.transport.Transport;
import org.parley.transport.TransportReader;
import org.parley.transport.Unreadable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's connection, over TCP or a WebSocket alike: its parser, its state, its outbound
 * queue. Everything but {@link #deliver} runs on the connection's own event loop, so the state
 * needs no locks.
 */
public final class ClientConnection implements Session {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    /** Where the connection is in its life; frames are checked against it before dispatch. */
    public enum State { AWAITING_HELLO, AWAITING_LOGIN, AUTHENTICATING, READY, CLOSING, CLOSED }

    private final Transport transport;
    private final Context context;
    private final FrameSink sink;
    private final String remote;
    private final FrameDecoder<ClientMessage> decoder;
    private final FrameLimits afterLogin;
    private final ConnectionGate.Ticket ticket;
    private final ClientTraffic traffic;
    private final OutboundQueue outbound;
    /** Streams written only while the socket has room and nothing else waits (video): context only. */
    private final PullLane streams = new PullLane();
    private final long openedAt = System.nanoTime();
    private long lastHeard = openedAt;
    /** Last frame other than a heartbeat: what "away" is measured from. Read from other loops. */
    private volatile long lastActive = openedAt;
    /** Volatile: the voice relay and deliveries read it from other threads. */
    private volatile State state = State.AWAITING_HELLO;
    private String closeReason;
    private UserAddress user;
    private String qualifiedName;
    private byte[] challenge;
    /** When the client logged in, in milliseconds since the epoch; 0 before. Read from other threads. */
    private volatile long loggedInAt;

    /**
     * @param afterLogin the frame limits once the client has logged in; before, {@link FrameLimits#BEFORE_LOGIN}
     * @param ticket     what the connection holds at the {@link ConnectionGate}, given back as it logs in and closes
     * @param traffic    where the connection counts what it reads, writes and refuses
     */
    public ClientConnection(Transport transport, Context context, FrameSink sink, FrameLimits afterLogin,
                            long maxQueuedBytes, ConnectionGate.Ticket ticket, ClientTraffic traffic) {
        this.traffic = traffic;
        this.transport = transport;
        this.context = context;
        this.sink = sink;
        this.remote = transport.remoteAddress() + (transport.framing() == Framing.MESSAGES ? " via WebSocket" : "");
        this.afterLogin = afterLogin;
        this.ticket = ticket;
        this.decoder = FrameDecoder.fromClients(FrameLimits.BEFORE_LOGIN);
        this.outbound = new OutboundQueue(context, transport, maxQueuedBytes,
                () -> context.runOnContext(v -> abortSlowReader()), streams::next);
    }

    /** Starts reading. */
    public void start() {
        traffic.connectionOpened(transport.framing());
        transport.start(new TransportReader() {
            @Override
            public void onData(Buffer data) {
                ClientConnection.this.onData(data);
            }

            @Override
            public void onUnreadable(Unreadable input) {
                refuse(input);
            }

            @Override
            public void onClosed() {
                ClientConnection.this.onClosed();
            }

            @Override
            public void onError(Throwable error) {
                LOG.debug("Connection error from {}: {}", describe(), error.getMessage());
            }
        });
    }

    /** A chunk of the stream over TCP; one whole message, holding one frame, over a WebSocket. */
    private void onData(Buffer data) {
        if (state == State.CLOSING || state == State.CLOSED) {
            return; // reading on only so that the peer's unread bytes do not turn our close into a reset
        }
        boolean stream = transport.framing() == Framing.STREAM;
        if (stream && state == State.AWAITING_HELLO && decoder.buffered() == 0 && HttpProbe.looksLikeHttp(data)) {
            answerHttp();
            return;
        }
        lastHeard = System.nanoTime();
        if (!stream && state == State.READY && data.length() > 0 && data.getByte(0) == VoicePacket.MAGIC) {
            // A frame's first byte is its length's highest, 0 under every limit: this is a voice packet.
            sink.onVoicePacket(this, data.getBytes());
            return;
        }
        try {
            if (stream) {
                decoder.feed((target, at) -> data.getBytes(0, data.length(), target, at), data.length(), this::onFrame);
            } else {
                onFrame(decoder.decodeMessage(data.getBytes()));
            }
        } catch (ProtocolException e) {
            fail(e.code(), e.getMessage(), null);
        }
    }

    private void onFrame(Frame<ClientMessage> frame) {
        if (!(frame.header() instanceof Ping) && !(frame.header() instanceof Pong)) {
            lastActive = lastHeard;
        }
        if (state != State.CLOSING && state != State.CLOSED) {
            traffic.received(frame.header());
            sink.onFrame(this, frame);
        }
    }

    /** What the WebSocket refused before any frame was read: the same errors as a bad frame on TCP. */
    private void refuse(Unreadable input) {
        switch (input) {
            case TEXT_MESSAGE -> fail(ErrorFrame.of(ErrorCode.MALFORMED_FRAME, "a text message: frames travel one"
                    + " per binary message"), CloseCause.UNSUPPORTED_DATA);
            case OVERSIZED_MESSAGE -> fail(ErrorFrame.of(ErrorCode.FRAME_TOO_LARGE, "a message of more than "
                    + afterLogin.maxMessageBytes() + " bytes, the largest frame with its length"), CloseCause.TOO_LARGE);
        }
    }

    private void onClosed() {
        ticket.closed();
        if (state != State.CLOSED) {
            traffic.connectionClosed();
        }
        State before = state;
        state = State.CLOSED;
        streams.close();
        if (before != State.CLOSED) {
            sink.onClosed(this, closeReason != null ? closeReason : "connection lost");
        }
    }

    /** Sends a message to this client. */
    public void send(ServerMessage message) {
        traffic.sent(message);
        outbound.offer(FrameEncoder.server().encode(message));
    }

    /**
     * Queues {@code message} (a voice packet) unless more than {@code maxWaiting} bytes wait for this
     * client already: false then, and for a session not logged in. Unlike a frame, a packet that finds
     * the client behind is dropped, never queued toward the limit that disconnects it. Any thread.
     */
    public boolean offerUnlessBehind(byte[] message, long maxWaiting) {
        return state == State.READY && outbound.queuedBytes() <= maxWaiting && outbound.offer(message);
    }

    @Override
    public long queuedBytes() {
        return outbound.queuedBytes();
    }

    /**
     * {@code source} has a frame to write: it is asked for it, one frame at a time in turn with this
     * connection's other such sources, once nothing queued waits and the socket has room. What it
     * writes never counts against the queue's limit, so a client that stops reading stalls that
     * source rather than being disconnected. Call on the connection's context.
     */
    public void pull(PullLane.Source source) {
        if (state == State.READY && streams.ready(source)) {
            outbound.idleFramesReady();
        }
    }

    @Override
    public boolean deliver(byte[] frame) {
        if (state == State.READY && outbound.offer(frame)) {
            traffic.sentEncoded(frame);
            return true;
        }
        return false;
    }

    /**
     * Tells the client what went wrong; for a fatal code, logs why and closes after the error is
     * written. Frames that arrive after that are ignored.
     */
    public void fail(ErrorCode code, String message, String ref) {
        fail(new ErrorFrame(code, message, ref));
    }

    /** As {@link #fail(ErrorCode, String, String)}, for an error with more to say (a retry-after). */
    public void fail(ErrorFrame error) {
        fail(error, CloseCauses.of(error.code()));
    }

    private void fail(ErrorFrame error, CloseCause cause) {
        ErrorCode code = error.code();
        String message = error.message();
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        count(code);
        if (!code.fatal()) {
            LOG.debug("Refused a request from {}: {} {}", describe(), code, message);
            send(error);
            return;
        }
        LOG.warn("Refused a frame from {}: {} {}; closing the connection", describe(), code, message);
        closeWith(error, cause);
    }

    /**
     * Ends the session on the node's own account (its operator kicked the user, the node is shutting
     * down): the client is told {@code code} and {@code message}, then the connection closes.
     */
    public void end(ErrorCode code, String message) {
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        closeWith(ErrorFrame.of(code, message), CloseCauses.of(code));
    }

    private void closeWith(ErrorFrame error, CloseCause cause) {
        ErrorCode code = error.code();
        state = State.CLOSING;
        closeReason = code.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        streams.close();
        traffic.sent(error);
        outbound.closeAfter(FrameEncoder.server().encode(error), cause);
    }

    /** A refusal before login is a failed login; one by a rate limit is counted as such too. */
    private void count(ErrorCode code) {
        boolean loggedIn = state == State.READY;
        if (!loggedIn) {
            traffic.loginFailed(code);
        }
        if (code == ErrorCode.RATE_LIMITED) {
            traffic.rateLimited(loggedIn ? ClientTraffic.LimitStage.REQUEST : ClientTraffic.LimitStage.LOGIN);
        }
    }

    /** Closes on purpose (the client said bye, its account was deleted), after queued frames are written. */
    public void close(String reason) {
        close(reason, CloseCause.NORMAL);
    }

    /** As {@link #close(String)}, telling a WebSocket client {@code cause} (the node going away, say). */
    public void close(String reason, CloseCause cause) {
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        state = State.CLOSING;
        closeReason = reason;
        streams.close();
        outbound.closeAfter(null, cause);
    }

    /**
     * Something spoke HTTP to the client port (a browser, a health probe): it gets a readable answer
     * instead of a frame error about a length of a billion bytes, and the log says so in words.
     */
    private void answerHttp() {
        HttpProbe.logOnce(remote);
        state = State.CLOSING;
        closeReason = "it spoke HTTP";
        outbound.closeAfter(HttpProbe.ANSWER, CloseCause.PROTOCOL_ERROR);
    }

    private void abortSlowReader() {
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        LOG.warn("Disconnecting {}: it stopped reading and more than its queue limit waited for it", describe());
        state = State.CLOSING;
        closeReason = "too slow to read its messages";
        streams.close();
        ErrorFrame error = ErrorFrame.of(ErrorCode.SLOW_CONSUMER, "you fell too far behind reading; reconnect");
        traffic.sent(error);
        outbound.abort(FrameEncoder.server().encode(error),
                CloseCauses.of(ErrorCode.SLOW_CONSUMER));
    }

    /**
     * Called from the listener's heartbeat timer: pings a logged-in client and ends a
     * connection that has been silent for three heartbeats or has not logged in in time.
     */
    public void checkLiveness(long now, long heartbeatNanos, long loginTimeoutNanos) {
        if (state == State.READY) {
            long silent = now - lastHeard;
            if (silent > 3 * heartbeatNanos) {
                fail(ErrorCode.TIMEOUT, "no heartbeat for " + TimeUnit.NANOSECONDS.toSeconds(silent) + " s", null);
            } else {
                send(new Ping());
            }
        } else if ((state == State.AWAITING_HELLO || state == State.AWAITING_LOGIN)
                && now - openedAt > loginTimeoutNanos) {
            fail(ErrorCode.TIMEOUT, "did not log in within " + TimeUnit.NANOSECONDS.toSeconds(loginTimeoutNanos)
                    + " s", null);
        }
    }

    @Override
    public long lastActiveNanos() {
        return lastActive;
    }

    /** Runs {@code task} on this connection's event loop (for results that complete elsewhere). */
    public void execute(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    /** Marks the connection as logged in as {@code address}. */
    public void loggedIn(UserAddress address) {
        this.user = address;
        this.qualifiedName = address.toString();
        this.loggedInAt = System.currentTimeMillis();
        this.state = State.READY;
        traffic.loggedIn();
        decoder.limits(afterLogin);
        ticket.loggedIn();
    }

    public State state() {
        return state;
    }

    /** When the client logged in, in milliseconds since the epoch; 0 if it has not. */
    public long loggedInAt() {
        return loggedInAt;
    }

    /** Whether this is a browser's WebSocket or a TCP client. */
    public ClientKind kind() {
        return transport.framing() == Framing.MESSAGES ? ClientKind.WEB : ClientKind.TCP;
    }

    public void state(State next) {
        this.state = next;
    }

    public byte[] challenge() {
        return challenge;
    }

    public void challenge(byte[] value) {
        this.challenge = value;
    }

    @Override
    public UserAddress user() {
        return user;
    }

    /** {@code alice@node-a}, built once at login rather than per message. */
    public String qualifiedName() {
        return qualifiedName;
    }

    public String remote() {
        return remote;
    }

    /** The client's IP address, without the port: what limits per address count by. */
    public String address() {
        return transport.remoteAddress().hostAddress();
    }

    /** "alice@node-a (127.0.0.1:40112)" once logged in, the address before. */
    public String describe() {
        return user == null ? remote + " (not logged in)" : user + " (" + remote + ")";
    }
}
