package org.parley.node;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on 127.0.0.1 that a test puts between two nodes to cut a link (close its connections
 * and refuse new ones), stall it (stop passing bytes, connections open) and heal it.
 */
final class TcpProxy implements AutoCloseable {

    private final Vertx vertx;
    private final int targetPort;
    private final List<NetSocket[]> pairs = new CopyOnWriteArrayList<>();
    private NetServer server;
    private NetClient client;
    private volatile boolean cut;
    private volatile boolean stalled;

    TcpProxy(Vertx vertx, int targetPort) {
        this.vertx = vertx;
        this.targetPort = targetPort;
    }

    /** Listens on a free port; returns it. */
    int start() throws Exception {
        client = vertx.createNetClient();
        server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0));
        server.connectHandler(this::accept);
        return server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    private void accept(NetSocket inbound) {
        if (cut) {
            inbound.close();
            return;
        }
        inbound.pause();
        client.connect(targetPort, "127.0.0.1").onComplete(connected -> {
            if (connected.failed() || cut) {
                inbound.close();
                if (connected.succeeded()) {
                    connected.result().close();
                }
                return;
            }
            NetSocket outbound = connected.result();
            NetSocket[] pair = {inbound, outbound};
            pairs.add(pair);
            inbound.handler(outbound::write);
            outbound.handler(inbound::write);
            inbound.closeHandler(v -> {
                outbound.close();
                pairs.remove(pair);
            });
            outbound.closeHandler(v -> {
                inbound.close();
                pairs.remove(pair);
            });
            if (!stalled) {
                inbound.resume();
            } else {
                outbound.pause();
            }
        });
    }

    /** Closes every connection through the proxy and refuses new ones until {@link #heal}. */
    void cut() {
        cut = true;
        for (NetSocket[] pair : pairs) {
            pair[0].close();
            pair[1].close();
        }
    }

    /** Stops passing bytes either way; connections stay open. */
    void stall() {
        stalled = true;
        for (NetSocket[] pair : pairs) {
            pair[0].pause();
            pair[1].pause();
        }
    }

    /** Passes bytes and accepts connections again. */
    void heal() {
        cut = false;
        stalled = false;
        for (NetSocket[] pair : pairs) {
            pair[0].resume();
            pair[1].resume();
        }
    }

    @Override
    public void close() throws Exception {
        cut();
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client.close();
    }
}
