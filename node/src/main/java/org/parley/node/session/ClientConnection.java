package org.parley.node.session;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.TimeUnit;
import org.parley.node.limits.ConnectionGate;
import org.parley.protocol.frame.FrameDecoder;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.frame.FrameLimits;
import org.parley.protocol.frame.ProtocolException;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.Ping;
import org.parley.protocol.message.Pong;
import org.parley.protocol.message.ServerMessage;
import org.parley.transport.CloseCause;
import org.parley.transport.OutboundQueue;
import org.parley.transport.TcpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's TCP connection: its parser, its state, its outbound queue. Everything but
 * {@link #deliver} runs on the connection's own event loop, so the state needs no locks.
 */
public final class ClientConnection implements Session {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    /** Where the connection is in its life; frames are checked against it before dispatch. */
    public enum State { AWAITING_HELLO, AWAITING_LOGIN, AUTHENTICATING, READY, CLOSING, CLOSED }

    private final NetSocket socket;
    private final Context context;
    private final FrameSink sink;
    private final String remote;
    private final FrameDecoder<ClientMessage> decoder;
    private final FrameLimits afterLogin;
    private final ConnectionGate.Ticket ticket;
    private final OutboundQueue outbound;
    private final long openedAt = System.nanoTime();
    private long lastHeard = openedAt;
    /** Last frame other than a heartbeat: what "away" is measured from. Read from other loops. */
    private volatile long lastActive = openedAt;
    private State state = State.AWAITING_HELLO;
    private String closeReason;
    private UserAddress user;
    private String qualifiedName;
    private byte[] challenge;

    /**
     * @param afterLogin the frame limits once the client has logged in; before, {@link FrameLimits#BEFORE_LOGIN}
     * @param ticket     what the connection holds at the {@link ConnectionGate}, given back as it logs in and closes
     */
    public ClientConnection(NetSocket socket, Context context, FrameSink sink, FrameLimits afterLogin,
                            long maxQueuedBytes, ConnectionGate.Ticket ticket) {
        this.socket = socket;
        this.context = context;
        this.sink = sink;
        this.remote = String.valueOf(socket.remoteAddress());
        this.afterLogin = afterLogin;
        this.ticket = ticket;
        this.decoder = FrameDecoder.fromClients(FrameLimits.BEFORE_LOGIN);
        this.outbound = new OutboundQueue(context, new TcpTransport(socket), maxQueuedBytes,
                () -> context.runOnContext(v -> abortSlowReader()));
    }

    /** Starts reading. */
    public void start() {
        socket.handler(this::onData);
        socket.closeHandler(v -> onClosed());
        socket.exceptionHandler(e -> LOG.debug("Socket error from {}: {}", describe(), e.getMessage()));
    }

    private void onData(Buffer data) {
        if (state == State.CLOSING || state == State.CLOSED) {
            return; // reading on only so that the peer's unread bytes do not turn our close into a reset
        }
        if (state == State.AWAITING_HELLO && decoder.buffered() == 0 && HttpProbe.looksLikeHttp(data)) {
            answerHttp();
            return;
        }
        lastHeard = System.nanoTime();
        try {
            decoder.feed(data.getBytes(), frame -> {
                if (!(frame.header() instanceof Ping) && !(frame.header() instanceof Pong)) {
                    lastActive = lastHeard;
                }
                if (state != State.CLOSING && state != State.CLOSED) {
                    sink.onFrame(this, frame);
                }
            });
        } catch (ProtocolException e) {
            fail(e.code(), e.getMessage(), null);
        }
    }

    private void onClosed() {
        ticket.closed();
        State before = state;
        state = State.CLOSED;
        if (before != State.CLOSED) {
            sink.onClosed(this, closeReason != null ? closeReason : "connection lost");
        }
    }

    /** Sends a message to this client. */
    public void send(ServerMessage message) {
        outbound.offer(FrameEncoder.server().encode(message));
    }

    @Override
    public long queuedBytes() {
        return outbound.queuedBytes();
    }

    @Override
    public boolean deliver(byte[] frame) {
        return state == State.READY && outbound.offer(frame);
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
        ErrorCode code = error.code();
        String message = error.message();
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        if (!code.fatal()) {
            LOG.debug("Refused a request from {}: {} {}", describe(), code, message);
            send(error);
            return;
        }
        LOG.warn("Refused a frame from {}: {} {}; closing the connection", describe(), code, message);
        state = State.CLOSING;
        closeReason = code.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        outbound.closeAfter(FrameEncoder.server().encode(error), CloseCause.POLICY_VIOLATION);
    }

    /** Closes on purpose (the client said bye, or the node is stopping), after queued frames are written. */
    public void close(String reason) {
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        state = State.CLOSING;
        closeReason = reason;
        outbound.closeAfter(null, CloseCause.NORMAL);
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
        outbound.abort(FrameEncoder.server().encode(
                ErrorFrame.of(ErrorCode.SLOW_CONSUMER, "you fell too far behind reading; reconnect")),
                CloseCause.POLICY_VIOLATION);
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
        this.state = State.READY;
        decoder.limits(afterLogin);
        ticket.loggedIn();
    }

    public State state() {
        return state;
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
        return socket.remoteAddress().hostAddress();
    }

    /** "alice@node-a (127.0.0.1:40112)" once logged in, the address before. */
    public String describe() {
        return user == null ? remote + " (not logged in)" : user + " (" + remote + ")";
    }
}
