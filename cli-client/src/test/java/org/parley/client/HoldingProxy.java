package org.parley.client;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of a server's port, that passes bytes both ways until told to
 * hold: then, after a number of bytes more from the server, it stops passing what the server sends
 * (its connections open, the server's bytes unread) until released. Between two nodes, it is a link
 * that goes quiet in the middle of a stream.
 */
final class HoldingProxy implements AutoCloseable {

    private final AtomicLong left = new AtomicLong(Long.MAX_VALUE);
    private final CompletableFuture<Void> holding = new CompletableFuture<>();
    private final List<NetSocket> held = new CopyOnWriteArrayList<>();
    private final NetServer server;
    private final NetClient client; // held in a field: a collected NetClient closes its sockets
    private final int port;
    private volatile boolean released;

    HoldingProxy(Vertx vertx, int serverPort) throws Exception {
        client = vertx.createNetClient();
        server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0));
        server.connectHandler(inbound -> {
            inbound.pause();
            client.connect(serverPort, "127.0.0.1").onSuccess(target -> {
                inbound.handler(target::write);
                target.handler(bytes -> {
                    inbound.write(bytes);
                    if (!released && left.addAndGet(-bytes.length()) <= 0) {
                        target.pause();
                        held.add(target);
                        holding.complete(null);
                    }
                });
                inbound.closeHandler(v -> target.close());
                target.closeHandler(v -> inbound.close());
                inbound.resume();
            }).onFailure(failed -> inbound.close());
        });
        port = server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    int port() {
        return port;
    }

    /** Holds what the server sends once {@code bytes} more of it have passed. */
    void holdAfter(long bytes) {
        left.set(bytes);
    }

    /** Waits until it holds. */
    void awaitHolding() throws Exception {
        try {
            holding.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the server never sent what the proxy was to let through before holding");
        }
    }

    /** Passes everything from now on, what it held first. */
    void release() {
        released = true;
        held.forEach(NetSocket::resume);
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
