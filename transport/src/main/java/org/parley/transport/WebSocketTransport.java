package org.parley.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.net.SocketAddress;
import java.util.List;

/**
 * A server WebSocket as a {@link Transport}: whole binary messages, each carrying one frame. A
 * text message, or a binary message over {@code maxMessageBytes}, reaches the reader as
 * {@link Unreadable}. The server's own frame and message limits should be the same
 * {@code maxMessageBytes}, so that a single oversized frame is refused by the WebSocket codec
 * before it is read.
 */
public final class WebSocketTransport implements Transport {

    private final ServerWebSocket socket;
    private final int maxMessageBytes;
    /**
     * The connection's Netty context, through Vert.x's internal API: Vert.x's public writes flush
     * each message on its own (one TLS record and one system call per message), and a batch must
     * cost one flush as it does on TCP (see DESIGN.md, "The hot path costs only what it must").
     */
    private final ChannelHandlerContext channel;

    /** @param socket an accepted WebSocket, from {@code HttpServerRequest.toWebSocket()} */
    public WebSocketTransport(ServerWebSocket socket, int maxMessageBytes) {
        this.socket = socket;
        this.maxMessageBytes = maxMessageBytes;
        this.channel = ((WebSocketInternal) socket).channelHandlerContext();
    }

    @Override
    public Framing framing() {
        return Framing.MESSAGES;
    }

    @Override
    public void start(TransportReader reader) {
        socket.frameHandler(new MessageAssembler(maxMessageBytes, reader));
        socket.closeHandler(v -> reader.onClosed());
        socket.exceptionHandler(error -> {
            if (error instanceof CorruptedWebSocketFrameException corrupt
                    && corrupt.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
                // One WebSocket frame declared more than the limit; the codec refused it unread.
                reader.onUnreadable(Unreadable.OVERSIZED_MESSAGE);
            } else {
                reader.onError(error);
            }
        });
    }

    /** One binary message per frame, all flushed together. */
    @Override
    public Future<Void> write(List<byte[]> frames) {
        if (frames.isEmpty()) {
            return Future.succeededFuture();
        }
        if (socket.isClosed()) {
            return Future.failedFuture("the WebSocket is closed");
        }
        ChannelPromise written = channel.newPromise();
        int last = frames.size() - 1;
        for (int i = 0; i < last; i++) {
            channel.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frames.get(i))), channel.voidPromise());
        }
        channel.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frames.get(last))), written);
        channel.flush();
        Promise<Void> done = Promise.promise();
        written.addListener(result -> {
            if (result.isSuccess()) {
                done.complete();
            } else {
                done.fail(result.cause());
            }
        });
        return done.future();
    }

    @Override
    public boolean writeQueueFull() {
        return !socket.isClosed() && socket.writeQueueFull();
    }

    @Override
    public void drainHandler(Handler<Void> handler) {
        socket.drainHandler(handler);
    }

    /** Sends a close frame with {@code cause}'s status code; Vert.x closes the socket once the peer answers. */
    @Override
    public Future<Void> close(CloseCause cause) {
        return socket.close(cause.webSocketCode());
    }

    @Override
    public SocketAddress remoteAddress() {
        return socket.remoteAddress();
    }
}
