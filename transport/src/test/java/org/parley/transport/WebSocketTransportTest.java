package org.parley.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A real WebSocket on 127.0.0.1 through {@link WebSocketTransport}: what each side sees of the other. */
@ExtendWith(VertxExtension.class)
class WebSocketTransportTest {

    private static final int MAX_MESSAGE = 1024;

    /** What the server's reader was handed: byte arrays for data, {@link Unreadable} otherwise. */
    private final BlockingQueue<Object> read = new LinkedBlockingQueue<>();
    private final CompletableFuture<WebSocketTransport> accepted = new CompletableFuture<>();
    private final CompletableFuture<Context> serverContext = new CompletableFuture<>();
    private HttpServer server;
    private WebSocketClient client;
    private WebSocket socket;
    private final BlockingQueue<Buffer> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Short> closeCode = new CompletableFuture<>();

    @BeforeEach
    void connect(Vertx vertx) throws Exception {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setMaxWebSocketFrameSize(MAX_MESSAGE).setMaxWebSocketMessageSize(MAX_MESSAGE));
        server.requestHandler(request -> request.toWebSocket().onSuccess(ws -> {
            WebSocketTransport transport = new WebSocketTransport(ws, MAX_MESSAGE);
            transport.start(new TransportReader() {
                @Override
                public void onData(Buffer data) {
                    read.add(data.getBytes());
                }

                @Override
                public void onUnreadable(Unreadable input) {
                    read.add(input);
                }

                @Override
                public void onClosed() {
                }

                @Override
                public void onError(Throwable error) {
                }
            });
            serverContext.complete(vertx.getOrCreateContext());
            accepted.complete(transport);
        }));
        int port = server.listen().await(10, TimeUnit.SECONDS).actualPort();
        // Small client frames, so that a long message arrives in several WebSocket frames.
        client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(256));
        socket = client.connect(port, "127.0.0.1", "/").await(10, TimeUnit.SECONDS);
        socket.binaryMessageHandler(received::add);
        socket.closeHandler(v -> closeCode.complete(socket.closeStatusCode()));
    }

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    @Test
    void framesQueuedInOneTurnArriveAsOneBinaryMessageEach() throws Exception {
        WebSocketTransport transport = accepted.get(10, TimeUnit.SECONDS);
        Context context = serverContext.get(10, TimeUnit.SECONDS);
        OutboundQueue queue = new OutboundQueue(context, transport, 1 << 20, () -> { });

        context.runOnContext(v -> {
            queue.offer(new byte[] {1});
            queue.offer(new byte[] {2, 2});
            queue.offer(new byte[] {3, 3, 3});
        });

        for (byte[] expected : List.of(new byte[] {1}, new byte[] {2, 2}, new byte[] {3, 3, 3})) {
            Buffer message = received.poll(10, TimeUnit.SECONDS);
            assertArrayEquals(expected, message == null ? null : message.getBytes());
        }
    }

    @Test
    void aBinaryMessageReachesTheReaderWholeEvenInSeveralFrames() throws Exception {
        byte[] message = new byte[1000];
        message[999] = 7;

        socket.writeBinaryMessage(Buffer.buffer(message));

        assertArrayEquals(message, (byte[]) read.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aTextMessageIsUnreadable() throws Exception {
        socket.writeTextMessage("{\"type\":\"hello\"}");

        assertEquals(Unreadable.TEXT_MESSAGE, read.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aMessageOverTheLimitIsUnreadableAndTheNextOneIsReadAgain() throws Exception {
        socket.writeBinaryMessage(Buffer.buffer(new byte[MAX_MESSAGE + 1]));
        socket.writeBinaryMessage(Buffer.buffer(new byte[] {42}));

        assertEquals(Unreadable.OVERSIZED_MESSAGE, read.poll(10, TimeUnit.SECONDS));
        assertArrayEquals(new byte[] {42}, (byte[]) read.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void theCloseCauseReachesThePeerAsItsStatusCode() throws Exception {
        WebSocketTransport transport = accepted.get(10, TimeUnit.SECONDS);

        serverContext.get(10, TimeUnit.SECONDS).runOnContext(v -> transport.close(CloseCause.TOO_LARGE));

        assertEquals((short) 1009, closeCode.get(10, TimeUnit.SECONDS));
    }
}
