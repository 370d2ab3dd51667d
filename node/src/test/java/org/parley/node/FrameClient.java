package org.parley.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.parley.protocol.Protocol;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.crypto.LoginTranscript;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.message.ClientHello;
import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.Login;
import org.parley.protocol.message.Ping;
import org.parley.protocol.message.ServerHello;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.message.Welcome;

/**
 * A client for driving a node in tests, whatever carries its frames ({@link TestClient} over a
 * socket, {@link WebSocketTestClient} over a WebSocket). Every frame from the node lands in an
 * inbox; tests await frames with a timeout. Heartbeat pings are answered and kept out of the inbox
 * unless a test asks to see them.
 */
public abstract class FrameClient implements AutoCloseable {

    public static final long TIMEOUT_SECONDS = 10;

    private final BlockingQueue<Frame<ServerMessage>> inbox = new LinkedBlockingQueue<>();
    private final CountDownLatch eof = new CountDownLatch(1);
    private final IdentityKeys keys;
    private volatile boolean answerPings = true;
    private volatile boolean showPings;
    private volatile String name;

    FrameClient(IdentityKeys keys) {
        this.keys = keys;
    }

    /** Sends bytes exactly as given: over a WebSocket, as one binary message. */
    abstract void sendRaw(byte[] bytes) throws IOException;

    /** A frame arrived from the node. */
    final void received(Frame<ServerMessage> frame) {
        if (frame.header() instanceof Ping) {
            if (answerPings) {
                try {
                    send(new org.parley.protocol.message.Pong());
                } catch (IOException ignored) {
                    // the connection is going away; the test will see the end
                }
            }
            if (!showPings) {
                return;
            }
        }
        inbox.add(frame);
    }

    /** The connection is over. */
    final void ended() {
        eof.countDown();
    }

    public IdentityKeys keys() {
        return keys;
    }

    void stopAnsweringPings() {
        answerPings = false;
    }

    void showPings() {
        showPings = true;
    }

    /** hello + login; returns the welcome, or fails the test with whatever came instead. */
    public Welcome loginAs(String name, String password) throws Exception {
        ServerHello hello = hello();
        send(signedLogin(hello, name, password));
        Welcome welcome = expect(Welcome.class);
        this.name = name;
        return welcome;
    }

    /** The name this client logged in with, or null. */
    public String name() {
        return name;
    }

    ServerHello hello() throws Exception {
        send(new ClientHello(Protocol.VERSION, "test-client"));
        return expect(ServerHello.class);
    }

    Login signedLogin(ServerHello hello, String name, String password) {
        return LoginTranscript.signedLogin(hello, name, keys, password);
    }

    public void send(ClientMessage message) throws IOException {
        sendRaw(FrameEncoder.client().encode(message));
    }

    public void send(ClientMessage message, byte[] body) throws IOException {
        sendRaw(FrameEncoder.client().encode(message, body));
    }

    /** The next frame, or null if none arrives in time. */
    public Frame<ServerMessage> next() throws InterruptedException {
        return inbox.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The next frame must be a {@code type}; returns its header. */
    public <T extends ServerMessage> T expect(Class<T> type) throws InterruptedException {
        return type.cast(expectFrame(type).header());
    }

    <T extends ServerMessage> Frame<ServerMessage> expectFrame(Class<T> type) throws InterruptedException {
        Frame<ServerMessage> frame = next();
        assertNotNull(frame, "no frame within " + TIMEOUT_SECONDS + " s; expected " + type.getSimpleName());
        assertInstanceOf(type, frame.header(), "expected " + type.getSimpleName());
        return frame;
    }

    /**
     * Asks about {@code user} ({@code who} about one user), so that this session hears their presence
     * from now on whether or not it deals with them; returns what the node said of them.
     */
    public org.parley.protocol.message.UserStatus watch(String user) throws Exception {
        String id = "watch-" + user;
        send(org.parley.protocol.message.WhoRequest.about(id, user));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            org.parley.protocol.message.UserList list = awaitType(org.parley.protocol.message.UserList.class);
            if (id.equals(list.id())) {
                assertEquals(1, list.users().size(), list.toString());
                return list.users().get(0);
            }
        }
        throw new AssertionError("no answer to who about " + user + " within " + TIMEOUT_SECONDS + " s");
    }

    /** {@link #watch}es {@code user}; returns this client. */
    public <C extends FrameClient> C watching(String user) throws Exception {
        watch(user);
        @SuppressWarnings("unchecked")
        C self = (C) this;
        return self;
    }

    /** Skips frames of other types until a {@code type} arrives. */
    public <T extends ServerMessage> T awaitType(Class<T> type) throws InterruptedException {
        return type.cast(awaitFrame(type).header());
    }

    /** Skips frames of other types until a {@code type} arrives; returns the whole frame. */
    public Frame<ServerMessage> awaitFrame(Class<? extends ServerMessage> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            Frame<ServerMessage> frame = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame != null && type.isInstance(frame.header())) {
                return frame;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + TIMEOUT_SECONDS + " s");
    }

    /** Skips other frames until one of {@code first} or {@code second} arrives; returns it. */
    public Frame<ServerMessage> awaitFrame(Class<? extends ServerMessage> first, Class<? extends ServerMessage> second)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            Frame<ServerMessage> frame = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame != null && (first.isInstance(frame.header()) || second.isInstance(frame.header()))) {
                return frame;
            }
        }
        throw new AssertionError("no " + first.getSimpleName() + " or " + second.getSimpleName() + " within "
                + TIMEOUT_SECONDS + " s");
    }

    /** The next {@code count} messages delivered to this client, other frames skipped. */
    List<Frame<ServerMessage>> awaitDeliveries(int count, long seconds) throws InterruptedException {
        List<Frame<ServerMessage>> deliveries = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (deliveries.size() < count && System.nanoTime() < deadline) {
            Frame<ServerMessage> frame = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame != null && frame.header() instanceof org.parley.protocol.message.Delivery) {
                deliveries.add(frame);
            }
        }
        return deliveries;
    }

    /** Whether the connection has ended (the node closed it, or died). */
    public boolean closed() {
        return eof.getCount() == 0;
    }

    /** The next frame, or null if none arrives within {@code millis}. */
    public Frame<ServerMessage> poll(long millis) throws InterruptedException {
        return inbox.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** True once the node has closed the connection. */
    public boolean awaitClosed() throws InterruptedException {
        return eof.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    void assertNothingPending() {
        assertEquals(0, inbox.size(), "unexpected frames: " + inbox);
    }
}
