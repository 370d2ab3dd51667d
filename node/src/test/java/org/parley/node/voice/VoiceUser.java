package org.parley.node.voice;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.parley.node.Node;
import org.parley.protocol.Protocol;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.crypto.LoginTranscript;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.frame.FrameDecoder;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.frame.FrameLimits;
import org.parley.protocol.frame.ProtocolException;
import org.parley.protocol.message.ClientHello;
import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.GroupAction;
import org.parley.protocol.message.GroupInfo;
import org.parley.protocol.message.GroupRequest;
import org.parley.protocol.message.Ping;
import org.parley.protocol.message.Pong;
import org.parley.protocol.message.ServerHello;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.message.VoiceJoin;
import org.parley.protocol.message.VoiceJoined;
import org.parley.protocol.message.VoiceLeave;
import org.parley.protocol.message.VoiceRoom;
import org.parley.protocol.message.VoiceWho;
import org.parley.protocol.message.Welcome;
import org.parley.protocol.voice.VoicePacket;

/**
 * A user's session with a node, over a real TCP socket or the node's WebSocket, as a voice client
 * drives it: frames out, and every frame from the node into an inbox that tests wait on with a
 * timeout; on a WebSocket, voice packets both ways too. Pings are answered.
 */
final class VoiceUser implements AutoCloseable {

    static final long TIMEOUT_SECONDS = 10;

    /** Where the user's frames go: a TCP socket, or a WebSocket (which carries voice packets too). */
    private interface Wire extends AutoCloseable {

        void write(byte[] bytes) throws IOException;

        @Override
        void close();
    }

    private final BlockingQueue<ServerMessage> inbox = new LinkedBlockingQueue<>();
    /** Voice packets from the node on a WebSocket. */
    private final BlockingQueue<byte[]> packets = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final ScheduledExecutorService keepalives = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "voice-user-keepalive");
        thread.setDaemon(true);
        return thread;
    });
    private Wire wire;
    private ClientWebSocket webSocket;
    final String name;
    /** Qualified, as others see this user. */
    final String address;

    private VoiceUser(String name, String node) {
        this.name = name;
        this.address = name + "@" + node;
    }

    private void overTcp(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        OutputStream out = socket.getOutputStream();
        wire = new Wire() {
            @Override
            public void write(byte[] bytes) throws IOException {
                synchronized (out) {
                    out.write(bytes);
                    out.flush();
                }
            }

            @Override
            public void close() {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closed already
                }
            }
        };
        Thread reader = new Thread(() -> read(socket), "voice-user-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * A browser's way: the node's WebSocket (plaintext, as the test nodes are), a small receive buffer
     * so that a user who stops reading soon leaves the node's writes waiting.
     */
    private void overWebSocket(Vertx vertx, Node node) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setReceiveBufferSize(4096)
                .setMaxMessageSize(FrameLimits.NODE_TO_CLIENT.maxMessageBytes()));
        ClientWebSocket socket = client.webSocket();
        FrameDecoder<ServerMessage> decoder = FrameDecoder.fromNode(FrameLimits.NODE_TO_CLIENT);
        socket.binaryMessageHandler(message -> {
            byte[] bytes = message.getBytes();
            if (bytes.length > 0 && bytes[0] == VoicePacket.MAGIC) {
                packets.add(bytes);
                return;
            }
            try {
                Frame<ServerMessage> frame = decoder.decodeMessage(bytes);
                if (frame.header() instanceof Ping) {
                    socket.writeBinaryMessage(Buffer.buffer(FrameEncoder.client().encode(new Pong())));
                } else {
                    inbox.add(frame.header());
                }
            } catch (ProtocolException e) {
                socket.close();
            }
        });
        socket.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.webPort()).setURI("/ws"))
                .await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        webSocket = socket;
        wire = new Wire() {
            @Override
            public void write(byte[] bytes) throws IOException {
                try {
                    socket.writeBinaryMessage(Buffer.buffer(bytes)).await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IOException("could not write to the WebSocket: " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    /** Logs in as {@code name}, a new user of {@code node} (whose client port is {@code port}). */
    static VoiceUser login(int port, String name, String node) throws Exception {
        VoiceUser user = new VoiceUser(name, node);
        user.overTcp(port);
        return user.loggedIn();
    }

    /** Logs in as {@code name}, a new user of {@code node}, over its WebSocket, as the web client does. */
    static VoiceUser loginOverWebSocket(Vertx vertx, Node node, String name) throws Exception {
        VoiceUser user = new VoiceUser(name, node.name());
        user.overWebSocket(vertx, node);
        return user.loggedIn();
    }

    private VoiceUser loggedIn() throws Exception {
        VoiceUser user = this;
        user.send(new ClientHello(Protocol.VERSION, "voice-test"));
        ServerHello hello = user.await(ServerHello.class, h -> true);
        user.send(LoginTranscript.signedLogin(hello, name, IdentityKeys.generate(new SecureRandom()), null));
        user.await(Welcome.class, w -> true);
        return user;
    }

    void send(ClientMessage message) throws IOException {
        wire.write(FrameEncoder.client().encode(message));
    }

    /** A voice packet as one binary message on the WebSocket (a web client's way of sending). */
    void packet(byte[] packet) throws IOException {
        wire.write(packet);
    }

    /** The next voice packet the node sent on the WebSocket; fails the test if none comes in time. */
    VoicePacket receivePacket() throws InterruptedException {
        byte[] bytes = packets.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (bytes == null) {
            throw new AssertionError(name + " had no voice packet on the WebSocket within " + TIMEOUT_SECONDS + " s");
        }
        return VoicePacket.readFromNode(bytes).orElseThrow(() -> new AssertionError("not a voice packet"));
    }

    /** A keepalive with {@code token} on the WebSocket now and every 200 ms after, until closed (as {@link VoiceLine} does on UDP). */
    void keepAlive(String token) throws IOException {
        byte[] keepalive = VoicePacket.keepalive(java.util.Base64.getDecoder().decode(token));
        packet(keepalive);
        keepalives.scheduleAtFixedRate(() -> {
            try {
                packet(keepalive);
            } catch (IOException ignored) {
                // closed
            }
        }, 200, 200, TimeUnit.MILLISECONDS);
    }

    /** The next voice packet on the WebSocket if one comes within {@code millis}, else null. */
    VoicePacket pollPacket(long millis) throws InterruptedException {
        byte[] bytes = packets.poll(millis, TimeUnit.MILLISECONDS);
        return bytes == null ? null : VoicePacket.readFromNode(bytes).orElseThrow(() -> new AssertionError("not a voice packet"));
    }

    /** Voice packets on the WebSocket that arrived so far and were not taken. */
    int packetsWaiting() {
        return packets.size();
    }

    /** Stops (or starts again) reading the WebSocket, as a browser that is stuck. */
    void reading(boolean on) {
        if (on) {
            webSocket.resume();
        } else {
            webSocket.pause();
        }
    }

    private String nextId() {
        return name + "-" + ids.incrementAndGet();
    }

    /** Skips other frames until a {@code type} that {@code which} takes arrives. */
    <T extends ServerMessage> T await(Class<T> type, Predicate<T> which) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            ServerMessage next = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (type.isInstance(next) && which.test(type.cast(next))) {
                return type.cast(next);
            }
        }
        throw new AssertionError(name + " had no " + type.getSimpleName() + " within " + TIMEOUT_SECONDS + " s");
    }

    /** The answer to request {@code id}: a {@code type}, or an error. */
    private ServerMessage answer(String id) throws InterruptedException {
        return await(ServerMessage.class, m -> m instanceof ErrorFrame error ? id.equals(error.ref())
                : m instanceof VoiceJoined joined ? id.equals(joined.id())
                : m instanceof VoiceRoom room ? id.equals(room.id())
                : m instanceof GroupInfo info && id.equals(info.id()));
    }

    /** voice-join: the node's answer, {@link VoiceJoined} or {@link ErrorFrame}. */
    ServerMessage tryJoin(String room) throws Exception {
        String id = nextId();
        send(new VoiceJoin(id, room));
        return answer(id);
    }

    VoiceJoined join(String room) throws Exception {
        return assertInstanceOf(VoiceJoined.class, tryJoin(room));
    }

    ServerMessage tryWho(String room) throws Exception {
        String id = nextId();
        send(new VoiceWho(id, room));
        return answer(id);
    }

    VoiceRoom who(String room) throws Exception {
        return assertInstanceOf(VoiceRoom.class, tryWho(room));
    }

    VoiceRoom leave() throws Exception {
        String id = nextId();
        send(new VoiceLeave(id));
        return assertInstanceOf(VoiceRoom.class, answer(id));
    }

    /** News of {@code room} (no id) that {@code which} takes, skipping other frames. */
    VoiceRoom news(String room, Predicate<VoiceRoom> which) throws InterruptedException {
        return await(VoiceRoom.class, r -> r.id() == null && r.room().equals(room) && which.test(r));
    }

    GroupInfo group(GroupAction action, String group, Boolean open) throws Exception {
        return group(action, group, null, open);
    }

    /** A group request about {@code user} (kick, invite...). */
    GroupInfo group(GroupAction action, String group, String user, Boolean open) throws Exception {
        String id = nextId();
        send(new GroupRequest(id, action, group, user, open));
        return assertInstanceOf(GroupInfo.class, answer(id));
    }

    private void read(Socket socket) {
        FrameDecoder<ServerMessage> decoder = FrameDecoder.fromNode(FrameLimits.NODE_TO_CLIENT);
        byte[] buffer = new byte[65536];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                decoder.feed(buffer, 0, n, frame -> {
                    if (frame.header() instanceof Ping) {
                        try {
                            send(new Pong());
                        } catch (IOException ignored) {
                            // closing
                        }
                    } else {
                        inbox.add(frame.header());
                    }
                });
            }
        } catch (IOException | ProtocolException ignored) {
            // the connection is over
        }
    }

    @Override
    public void close() {
        keepalives.shutdownNow();
        wire.close();
    }
}
