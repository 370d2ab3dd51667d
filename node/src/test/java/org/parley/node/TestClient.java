package org.parley.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.frame.FrameDecoder;
import org.parley.protocol.frame.FrameLimits;
import org.parley.protocol.frame.ProtocolException;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.ServerMessage;

/**
 * A plain blocking client over a real socket, for driving a node in tests. A reader thread hands
 * every frame to the inbox {@link FrameClient} keeps.
 */
public final class TestClient extends FrameClient {

    private final Socket socket;
    private final OutputStream out;
    private volatile CountDownLatch paused = new CountDownLatch(0);

    private TestClient(Socket socket, IdentityKeys keys, boolean read) throws IOException {
        super(keys);
        this.socket = socket;
        this.out = socket.getOutputStream();
        if (read) {
            Thread reader = new Thread(this::readLoop, "test-client-reader");
            reader.setDaemon(true);
            reader.start();
        }
    }

    public static TestClient connect(int port) throws IOException {
        return connect(port, IdentityKeys.generate(new SecureRandom()));
    }

    public static TestClient connect(int port, IdentityKeys keys) throws IOException {
        return new TestClient(new Socket(InetAddress.getLoopbackAddress(), port), keys, true);
    }

    /** A client over a socket already open (a TLS one, say). */
    static TestClient over(Socket socket, IdentityKeys keys) throws IOException {
        return new TestClient(socket, keys, true);
    }

    /** A client over TLS that accepts any certificate, logged in as {@code name}. */
    static TestClient loginTls(int port, String name) throws Exception {
        TestClient client = over(tlsSocket(port), IdentityKeys.generate(new SecureRandom()));
        client.loginAs(name, null);
        return client;
    }

    /** A JDK TLS socket that accepts any certificate: tests check which one they got. */
    static SSLSocket tlsSocket(int port) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    public static TestClient login(int port, String name) throws Exception {
        return login(port, name, IdentityKeys.generate(new SecureRandom()));
    }

    /** Logs in again as a user who has been here before with {@code keys}. */
    public static TestClient login(int port, String name, IdentityKeys keys) throws Exception {
        TestClient client = connect(port, keys);
        client.loginAs(name, null);
        return client;
    }

    /** {@code from} writes to {@code to}, who gets it, and {@code from} hears it was accepted. */
    public static void assertChat(TestClient from, TestClient to, String when) throws Exception {
        String id = "check-" + System.nanoTime();
        from.send(new Send(id, to.name()), "still here?".getBytes(StandardCharsets.UTF_8));
        Delivery delivery = to.awaitType(Delivery.class);
        assertEquals(id, delivery.id(), when);
        assertEquals(new Accepted(id, 1), from.awaitType(Accepted.class), when);
    }

    /** The reader stops taking bytes off the socket, so the node's writes back up. */
    public void pauseReading() {
        paused = new CountDownLatch(1);
    }

    public void resumeReading() {
        paused.countDown();
    }

    @Override
    synchronized void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private void readLoop() {
        FrameDecoder<ServerMessage> decoder = FrameDecoder.fromNode(FrameLimits.NODE_TO_CLIENT);
        byte[] buffer = new byte[65536];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while (awaitResume() && (n = in.read(buffer)) > 0) {
                decoder.feed(buffer, 0, n, this::received);
            }
        } catch (IOException | ProtocolException ignored) {
            // end of stream, or reset: either way the connection is over
        } finally {
            ended();
        }
    }

    private boolean awaitResume() {
        try {
            paused.await();
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        resumeReading();
        socket.close();
    }
}
