package org.parley.client;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.frame.FrameDecoder;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.frame.FrameLimits;
import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.ServerMessage;

/**
 * A node gone bad, as its clients see it: it stands in front of a real (plaintext) node and may
 * rewrite, repeat or drop any frame in either direction. Everything a malicious node can do to a
 * client's traffic, this can do, since the node sees every frame it relays.
 */
final class TamperingNode implements AutoCloseable {

    private final NetServer server;
    private final NetClient client;
    private final int port;
    volatile Function<Frame<ClientMessage>, List<Frame<ClientMessage>>> fromClient = List::of;
    volatile Function<Frame<ServerMessage>, List<Frame<ServerMessage>>> toClient = List::of;
    /** Answers a client's frame in the node's place when it gives frames (they go back, the frame goes no further). */
    volatile Function<Frame<ClientMessage>, List<ServerMessage>> answer = frame -> null;

    TamperingNode(Vertx vertx, int nodePort) throws Exception {
        client = vertx.createNetClient();
        server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0));
        server.connectHandler(inbound -> {
            inbound.pause();
            client.connect(nodePort, "127.0.0.1").onSuccess(outbound -> {
                FrameRelay.relay(inbound, outbound, FrameDecoder.fromClients(FrameLimits.CLIENT_TO_NODE), FrameEncoder.client(),
                        frame -> {
                            List<ServerMessage> answers = answer.apply(frame);
                            if (answers == null) {
                                return fromClient.apply(frame);
                            }
                            answers.forEach(one -> inbound.write(Buffer.buffer(FrameEncoder.server().encode(one))));
                            return List.of();
                        });
                FrameRelay.relay(outbound, inbound, FrameDecoder.fromNode(FrameLimits.NODE_TO_CLIENT), FrameEncoder.server(),
                        frame -> toClient.apply(frame));
                inbound.resume();
            }).onFailure(e -> inbound.close());
        });
        port = server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
