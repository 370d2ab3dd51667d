package org.parley.node;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.frame.FrameDecoder;
import org.parley.protocol.frame.FrameLimits;
import org.parley.protocol.frame.ProtocolException;
import org.parley.protocol.message.ServerMessage;

/**
 * A web client as a browser would be one: Vert.x's WebSocket client on a node's {@code /ws}, over
 * TLS that accepts any certificate unless the node is plaintext. Each binary message from the node
 * must hold exactly one frame (the decoder refuses anything else); each frame sent is one message.
 */
final class WebSocketTestClient extends FrameClient {

    private final WebSocketClient client;
    private final ClientWebSocket socket;
    private final CompletableFuture<Short> closeCode = new CompletableFuture<>();
    private volatile ProtocolException unreadable;

    private WebSocketTestClient(WebSocketClient client, IdentityKeys keys) {
        super(keys);
        this.client = client;
        // Handlers are set before connecting: a node that refuses at once may have closed by the time
        // a connection future completes.
        this.socket = client.webSocket();
        FrameDecoder<ServerMessage> decoder = FrameDecoder.fromNode(FrameLimits.NODE_TO_CLIENT);
        socket.binaryMessageHandler(message -> {
            try {
                received(decoder.decodeMessage(message.getBytes()));
            } catch (ProtocolException e) {
                unreadable = e;
                socket.close();
            }
        });
        socket.closeHandler(v -> {
            closeCode.complete(socket.closeStatusCode());
            ended();
        });
    }

    /** Connects to {@code node}'s WebSocket, with frames of at most {@code maxFrameBytes} on the wire. */
    static WebSocketTestClient connect(Vertx vertx, Node node, int maxFrameBytes, IdentityKeys keys) throws Exception {
        boolean tls = node.webSocketUrl().startsWith("wss:");
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setSsl(tls).setTrustAll(true).setVerifyHost(false)
                .setMaxFrameSize(maxFrameBytes)
                .setMaxMessageSize(FrameLimits.NODE_TO_CLIENT.maxMessageBytes()));
        WebSocketTestClient connected = new WebSocketTestClient(client, keys);
        connected.socket.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.webPort())
                .setURI("/ws")).await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return connected;
    }

    /** Connects with Vert.x's default frame size, so that a long message is sent in several WebSocket frames. */
    static WebSocketTestClient connect(Vertx vertx, Node node) throws Exception {
        return connect(vertx, node, 65536, IdentityKeys.generate(new SecureRandom()));
    }

    static WebSocketTestClient login(Vertx vertx, Node node, String name, IdentityKeys keys) throws Exception {
        WebSocketTestClient client = connect(vertx, node, 65536, keys);
        client.loginAs(name, null);
        return client;
    }

    /** Waits until written, except on the client's own event loop (answering a ping), which must not block. */
    @Override
    void sendRaw(byte[] bytes) throws IOException {
        io.vertx.core.Future<Void> written = socket.writeBinaryMessage(Buffer.buffer(bytes));
        if (!io.vertx.core.Context.isOnEventLoopThread()) {
            await(written.toCompletionStage().toCompletableFuture());
        }
    }

    /** Sends without waiting, as a flood does: the node may close before all of it is written. */
    void flood(byte[] bytes) {
        socket.writeBinaryMessage(Buffer.buffer(bytes));
    }

    /** Sends a text message, which the protocol does not use. */
    void sendText(String text) throws IOException {
        await(socket.writeTextMessage(text).toCompletionStage().toCompletableFuture());
    }

    /** The status code of the node's close frame, once the WebSocket is closed. */
    Short awaitCloseCode() throws Exception {
        return closeCode.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The certificate the node presented. */
    List<Certificate> peerCertificates() throws Exception {
        return socket.peerCertificates();
    }

    /** A message from the node that did not hold exactly one frame, or null. */
    ProtocolException unreadable() {
        return unreadable;
    }

    private static void await(CompletableFuture<Void> written) throws IOException {
        try {
            written.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("could not write to the WebSocket: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
