package org.parley.node.voice;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.parley.protocol.Protocol;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.crypto.LoginTranscript;
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

/**
 * A user's session with a node, over a real socket, as a voice client drives it: frames out, and
 * every frame from the node into an inbox that tests wait on with a timeout. Pings are answered.
 */
final class VoiceUser implements AutoCloseable {

    static final long TIMEOUT_SECONDS = 10;

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<ServerMessage> inbox = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    final String name;
    /** Qualified, as others see this user. */
    final String address;

    private VoiceUser(int port, String name, String node) throws Exception {
        this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
        this.out = socket.getOutputStream();
        this.name = name;
        this.address = name + "@" + node;
        Thread reader = new Thread(this::read, "voice-user-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Logs in as {@code name}, a new user of {@code node} (whose client port is {@code port}). */
    static VoiceUser login(int port, String name, String node) throws Exception {
        VoiceUser user = new VoiceUser(port, name, node);
        user.send(new ClientHello(Protocol.VERSION, "voice-test"));
        ServerHello hello = user.await(ServerHello.class, h -> true);
        user.send(LoginTranscript.signedLogin(hello, name, IdentityKeys.generate(new SecureRandom()), null));
        user.await(Welcome.class, w -> true);
        return user;
    }

    void send(ClientMessage message) throws IOException {
        synchronized (out) {
            out.write(FrameEncoder.client().encode(message));
            out.flush();
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

    private void read() {
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
    public void close() throws IOException {
        socket.close();
    }
}
